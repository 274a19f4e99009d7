package io.cascade.storefront.internal;

import io.cascade.catalog.api.PlanResourceView;
import io.cascade.catalog.api.PlanView;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.storefront.api.Confirmation;
import io.cascade.storefront.api.PublicStorefront;
import io.cascade.storefront.api.SignUpReceipt;
import io.cascade.storefront.api.SignUpRequest;
import io.cascade.storefront.api.SignUps;
import io.cascade.storefront.api.StorefrontOffer;
import io.cascade.subscriptions.api.ResourceQuantity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.context.request.WebRequest;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The public storefront pages (no sign-in, no session): the plan list, the comparison table and a plan's page —
 * cacheable, with a strong {@code ETag} of exactly what they show and {@code Cache-Control: public} — and the order
 * form (never cached: it carries a fresh form token), its answer, and the confirmation of a mailed link. A page is
 * found by its slug ({@code /store/{slug}}) or, at {@code /store}, by the vendor's verified panel host; on a vendor's
 * host only that vendor's storefront answers. Unknown, disabled, or another vendor's: 404.
 */
@Controller
class StorefrontPages {
    private static final CacheControl CACHEABLE = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();
    private static final List<String> FIELDS = List.of("companyName", "country", "contactName", "email", "planId",
            "termsAccepted");

    private final SignUps signUps;
    private final RenderedPages rendered;

    StorefrontPages(SignUps signUps, RenderedPages rendered) {
        this.signUps = signUps;
        this.rendered = rendered;
    }

    @GetMapping("/store")
    void hostList(HttpServletRequest http, WebRequest web, HttpServletResponse response, Model model)
            throws Exception {
        list(signUps.find(null, http.getServerName()).orElseThrow(NotFoundException::new), web, http, response,
                model);
    }

    @GetMapping("/store/{slug}")
    void list(@PathVariable String slug, HttpServletRequest http, WebRequest web, HttpServletResponse response,
              Model model) throws Exception {
        list(storefront(slug, http), web, http, response, model);
    }

    private void list(PublicStorefront storefront, WebRequest web, HttpServletRequest http,
                      HttpServletResponse response, Model model) throws Exception {
        StorefrontOffer offer = signUps.offer(storefront);
        if (cached(offer, web, response) || rendered.send(offer, http, response)) {
            return;
        }
        common(model, offer);
        rendered.render("storefront/list", offer, model, http, response);
    }

    @GetMapping("/store/{slug}/compare")
    void compare(@PathVariable String slug, HttpServletRequest http, WebRequest web, HttpServletResponse response,
                 Model model) throws Exception {
        StorefrontOffer offer = signUps.offer(storefront(slug, http));
        if (cached(offer, web, response) || rendered.send(offer, http, response)) {
            return;
        }
        common(model, offer);
        Set<String> types = new LinkedHashSet<>();
        offer.plans().forEach(p -> p.resources().forEach(r -> types.add(r.resourceType())));
        List<Row> rows = new ArrayList<>();
        for (String type : types) {
            List<String> cells = new ArrayList<>();
            String unit = null;
            for (PlanView plan : offer.plans()) {
                PlanResourceView r = plan.resources().stream().filter(x -> x.resourceType().equals(type)).findFirst()
                        .orElse(null);
                if (r != null && unit == null) {
                    unit = r.unit();
                }
                cells.add(r == null ? "—" : included(r));
            }
            rows.add(new Row(type, unit, cells));
        }
        model.addAttribute("rows", rows);
        rendered.render("storefront/compare", offer, model, http, response);
    }

    /** A row of the comparison table: a resource type and, per plan, what it includes up to which limit. */
    record Row(String resourceType, String unit, List<String> cells) {
    }

    @GetMapping("/store/{slug}/plans/{planId}")
    void plan(@PathVariable String slug, @PathVariable String planId, HttpServletRequest http, WebRequest web,
              HttpServletResponse response, Model model) throws Exception {
        StorefrontOffer offer = signUps.offer(storefront(slug, http));
        PlanView plan = offer.plan(uuid(planId)).orElseThrow(NotFoundException::new);
        if (cached(offer, web, response) || rendered.send(offer, http, response)) {
            return;
        }
        common(model, offer);
        model.addAttribute("plan", plan);
        rendered.render("storefront/plan", offer, model, http, response);
    }

    @GetMapping("/store/{slug}/order")
    String orderForm(@PathVariable String slug, @RequestParam(required = false) String plan, HttpServletRequest http,
                     HttpServletResponse response, Model model) {
        PublicStorefront storefront = storefront(slug, http);
        StorefrontOffer offer = signUps.offer(storefront);
        noStore(response);
        common(model, offer);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("planId", plan == null ? "" : plan);
        form(model, storefront, values, Map.of(), new Errors());
        return "storefront/order";
    }

    @PostMapping("/store/{slug}/order")
    String order(@PathVariable String slug, @RequestParam Map<String, String> params, HttpServletRequest http,
                 HttpServletResponse response, Model model) {
        PublicStorefront storefront = storefront(slug, http);
        noStore(response);
        Map<String, String> values = new LinkedHashMap<>();
        FIELDS.forEach(f -> values.put(f, params.getOrDefault(f, "").strip()));
        Map<String, String> quantities = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("quantity.") && k.length() <= 80 && v != null && !v.isBlank()) {
                quantities.put(k.substring("quantity.".length()), v.strip());
            }
        });
        Errors errors = new Errors();
        List<ResourceQuantity> resources = new ArrayList<>();
        quantities.forEach((type, text) -> {
            try {
                resources.add(new ResourceQuantity(type, new BigDecimal(text)));
            } catch (NumberFormatException e) {
                errors.add("quantity." + type, "must be a number");
            }
        });
        UUID planId = null;
        try {
            planId = values.get("planId").isEmpty() ? null : UUID.fromString(values.get("planId"));
        } catch (IllegalArgumentException e) {
            errors.add("planId", "must be one of the plans");
        }
        if (errors.isEmpty()) {
            SignUpRequest request = new SignUpRequest(values.get("companyName"), values.get("country"),
                    values.get("contactName"), values.get("email"), planId, resources,
                    "on".equals(values.get("termsAccepted")) || "true".equals(values.get("termsAccepted")),
                    params.get("formToken"));
            try {
                SignUpReceipt receipt = signUps.submit(storefront, request, http.getRemoteAddr(),
                        SignUps.language(http.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
                common(model, signUps.offer(storefront));
                model.addAttribute("receipt", receipt);
                return "storefront/received";
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> errors.add(p));
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            } catch (RuleViolationException e) {
                errors.from(e);
                response.setStatus(e.problem() == Problem.SIGN_UP_THROTTLED ? HttpStatus.TOO_MANY_REQUESTS.value()
                        : e.problem() == Problem.EMAIL_TAKEN ? HttpStatus.CONFLICT.value()
                        : HttpStatus.UNPROCESSABLE_CONTENT.value());
                if (e.properties().get("retryAfterSeconds") != null) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, e.properties().get("retryAfterSeconds").toString());
                }
            }
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        common(model, signUps.offer(storefront));
        values.put("termsAccepted", "on".equals(values.get("termsAccepted")) ? "on" : "");
        form(model, storefront, values, quantities, errors);
        return "storefront/order";
    }

    @GetMapping("/store/{slug}/confirm")
    String confirmPage(@PathVariable String slug, @RequestParam(required = false) String token,
                       HttpServletRequest http, HttpServletResponse response, Model model) {
        PublicStorefront storefront = storefront(slug, http);
        noStore(response);
        common(model, signUps.offer(storefront));
        model.addAttribute("token", token == null ? "" : token);
        return "storefront/confirm";
    }

    @PostMapping("/store/{slug}/confirm")
    String confirm(@PathVariable String slug, @RequestParam(required = false) String token, HttpServletRequest http,
                   HttpServletResponse response, Model model) {
        PublicStorefront storefront = storefront(slug, http);
        noStore(response);
        common(model, signUps.offer(storefront));
        try {
            Confirmation confirmation = signUps.confirm(storefront, token);
            model.addAttribute("confirmation", confirmation);
            return "storefront/confirmed";
        } catch (NotFoundException e) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("linkInvalid", true);
            model.addAttribute("token", "");
            return "storefront/confirm";
        } catch (RuleViolationException | InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("failure", e.getMessage());
            model.addAttribute("token", token);
            return "storefront/confirm";
        }
    }

    @GetMapping(value = "/store/{slug}/brand.css", produces = "text/css")
    ResponseEntity<String> brandCss(@PathVariable String slug, HttpServletRequest http) {
        PublicStorefront storefront = storefront(slug, http);
        String primary = colour(storefront.brand().primaryColour(), "#1f4e79");
        String accent = colour(storefront.brand().accentColour(), "#0b6e4f");
        String css = ":root { --accent: " + accent + "; --brand: " + primary + "; }\n"
                + ".top.store { background: var(--brand); }\n";
        return ResponseEntity.ok().cacheControl(CACHEABLE).eTag("\"" + Integer.toHexString(css.hashCode()) + "\"")
                .body(css);
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(HttpServletResponse response) {
        noStore(response);
        return "storefront/not-found";
    }

    private void form(Model model, PublicStorefront storefront, Map<String, String> values,
                      Map<String, String> quantities, Errors errors) {
        model.addAttribute("values", values);
        model.addAttribute("quantities", quantities);
        model.addAttribute("errors", errors);
        model.addAttribute("formToken", signUps.formToken(storefront));
        @SuppressWarnings("unchecked")
        List<PlanView> plans = (List<PlanView>) model.getAttribute("plans");
        model.addAttribute("selected", plans == null ? null : plans.stream()
                .filter(p -> p.id().toString().equals(values.get("planId"))).findFirst().orElse(null));
    }

    /** A plan as the list shows it, its prices already written out (one expression per cell for 1,000 rows). */
    record PlanRow(String id, String name, String description, String price, String setupFee, String href,
                   String orderHref) {
    }

    static String money(io.cascade.shared.Money money) {
        return money == null ? "—" : money.amount().toPlainString() + " " + money.currency();
    }

    static String price(PlanView plan) {
        return money(plan.recurringFee()) + (plan.billingPeriod() == io.cascade.catalog.api.BillingPeriod.YEARLY
                ? " per year" : " per month");
    }

    private static void common(Model model, StorefrontOffer offer) {
        model.addAttribute("store", offer.storefront());
        model.addAttribute("brand", offer.storefront().brand());
        model.addAttribute("plans", offer.plans());
        String base = "/store/" + offer.storefront().slug();
        model.addAttribute("rowsOfPlans", offer.plans().stream().map(p -> new PlanRow(p.id().toString(), p.name(),
                p.description(), price(p), money(p.setupFee()), base + "/plans/" + p.id(),
                base + "/order?plan=" + p.id())).toList());
        model.addAttribute("taxRate", offer.taxRatePercent() == null ? null
                : offer.taxRatePercent().stripTrailingZeros().toPlainString());
    }

    /** Sets the cache headers; true when the client's copy is current (304 answered, nothing to render). */
    private static boolean cached(StorefrontOffer offer, WebRequest web, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHEABLE.getHeaderValue());
        response.setHeader(HttpHeaders.VARY, "Host");
        return web.checkNotModified(offer.etag());
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private PublicStorefront storefront(String slug, HttpServletRequest http) {
        if (slug == null || slug.length() > 63) {
            throw new NotFoundException();
        }
        return signUps.find(slug, http.getServerName()).orElseThrow(NotFoundException::new);
    }

    static String included(PlanResourceView r) {
        String included = r.included() == null ? "0" : r.included().stripTrailingZeros().toPlainString();
        return r.limit() == null ? included : included + " (up to " + r.limit().stripTrailingZeros().toPlainString()
                + ")";
    }

    private static String colour(String value, String fallback) {
        return value != null && value.matches("#[0-9a-fA-F]{6}") ? value : fallback;
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }

    /** Problems placed at the form's fields, or shown above it. */
    public static final class Errors {
        private final Map<String, String> byField = new LinkedHashMap<>();
        private final List<String> general = new ArrayList<>();

        void add(FieldProblem problem) {
            add(problem.field(), problem.message());
        }

        void add(String field, String message) {
            String key = field != null && field.startsWith("resources") ? "resources" : field;
            if (key == null || !(FIELDS.contains(key) || key.startsWith("quantity.") || key.equals("resources"))) {
                general.add((field == null ? "" : field + " ") + message);
            } else {
                byField.merge(key, message, (a, b) -> a + "; " + b);
            }
        }

        void from(RuleViolationException e) {
            if (e.properties().get("errors") instanceof List<?> list && !list.isEmpty()) {
                list.stream().filter(FieldProblem.class::isInstance).map(FieldProblem.class::cast)
                        .forEach(this::add);
            } else {
                general.add(e.getMessage());
            }
        }

        public boolean isEmpty() {
            return byField.isEmpty() && general.isEmpty();
        }

        public boolean has(String field) {
            return byField.containsKey(field);
        }

        public String get(String field) {
            return byField.get(field);
        }

        public List<String> general() {
            return general;
        }
    }
}
