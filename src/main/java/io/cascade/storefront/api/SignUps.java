package io.cascade.storefront.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.Licences;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.billing.api.BillingSettings;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.brands.api.Brands;
import io.cascade.brands.api.PanelHosts;
import io.cascade.catalog.api.Audience;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PlanResourceView;
import io.cascade.catalog.api.PlanView;
import io.cascade.identity.api.StaffManagement;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.storefront.internal.Activation;
import io.cascade.storefront.internal.Applications;
import io.cascade.storefront.internal.FormTokens;
import io.cascade.storefront.internal.SignUpThrottle;
import io.cascade.storefront.internal.StorefrontStore;
import io.cascade.subscriptions.api.ResourceQuantity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The public side of storefronts (no caller): finding an enabled storefront by its slug or its vendor's verified panel
 * host, what it offers, the order form's token, the sign-up and its e-mail confirmation (ADR 0034). Reads and writes
 * act as the storefront's vendor ({@link Caller#system}, scoped to its subtree).
 */
@Service
public class SignUps {
    private final StorefrontStore store;
    private final Applications applications;
    private final Activation activation;
    private final FormTokens formTokens;
    private final SignUpThrottle throttle;
    private final PanelHosts hosts;
    private final Brands brands;
    private final AccountScope scope;
    private final PlanManagement plans;
    private final InvoiceManagement invoices;
    private final StaffManagement staff;
    private final Validation validation;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration confirmWithin;
    private final Duration offerCache;
    private final Licences licences;
    private final java.util.concurrent.ConcurrentHashMap<List<Object>, CachedOffer> offers =
            new java.util.concurrent.ConcurrentHashMap<>();

    SignUps(StorefrontStore store, Applications applications, Activation activation, FormTokens formTokens,
            SignUpThrottle throttle, PanelHosts hosts, Brands brands, AccountScope scope, PlanManagement plans,
            InvoiceManagement invoices, StaffManagement staff, Validation validation, AuditTrail audit,
            ApplicationEventPublisher events, Clock clock,
            @Value("${cascade.storefront.confirm-within:P2D}") Duration confirmWithin,
            @Value("${cascade.storefront.offer-cache:PT60S}") Duration offerCache, Licences licences) {
        this.licences = licences;
        this.store = store;
        this.applications = applications;
        this.activation = activation;
        this.formTokens = formTokens;
        this.throttle = throttle;
        this.hosts = hosts;
        this.brands = brands;
        this.scope = scope;
        this.plans = plans;
        this.invoices = invoices;
        this.staff = staff;
        this.validation = validation;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.confirmWithin = confirmWithin;
        this.offerCache = offerCache;
    }

    /**
     * The enabled storefront of an active vendor named by {@code slug}, or (slug null) by the verified panel host
     * {@code host}. On a vendor's panel host only that vendor's storefront is found. Empty for anything else.
     */
    @Transactional(readOnly = true)
    public Optional<PublicStorefront> find(String slug, String host) {
        Optional<PanelHosts.HostVendor> hostVendor = hosts.vendorFor(host);
        Optional<StorefrontStore.Row> row;
        if (slug != null) {
            row = store.bySlug(slug).filter(r -> hostVendor.isEmpty()
                    || hostVendor.get().accountId().equals(r.accountId()));
        } else if (hostVendor.isPresent()) {
            row = store.find(hostVendor.get().accountId());
        } else {
            row = Optional.empty();
        }
        return row.filter(StorefrontStore.Row::enabled)
                .filter(r -> licences.holdsAt(r.accountPath(), Feature.STOREFRONT)) // a store without its licence: gone
                .filter(r -> vendorFacts(r).map(f -> f.status() == AccountStatus.ACTIVE).orElse(false))
                .map(r -> new PublicStorefront(r.accountId(), r.accountPath(), r.slug(), r.title(), r.intro(),
                        r.approval(), r.shownPlans(), brands.ofVendor(r.accountPath()), r.version(), r.updatedAt()));
    }

    /**
     * The storefront's plans with today's prices and the vendor's default tax rate, with their entity tag. Kept in
     * memory for at most {@code cascade.storefront.offer-cache} (60 s, the pages' max-age) per storefront version,
     * brand (its owner and version: a brand that changes with the WHITE_LABEL licence is a new key), day and the
     * catalog's stamp of the vendor's plans: a plan changed, added or retired shows at once; a wholesale price or tax
     * rate changed above it within that time (as long as the pages may be cached anyway).
     */
    @Transactional(readOnly = true)
    public StorefrontOffer offer(PublicStorefront storefront) {
        Instant now = clock.instant();
        List<Object> key = java.util.Arrays.asList(storefront.vendorId(), storefront.version(),
                storefront.brand().ownerId(), storefront.brand().updatedAt(), storefront.brand().displayName(),
                LocalDate.now(clock),
                plans.onSaleStamp(storefront.vendorId()));
        CachedOffer cached = offers.get(key);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.offer();
        }
        StorefrontOffer offer = freshOffer(storefront);
        if (offers.size() > 256) {
            offers.clear();
        }
        offers.put(key, new CachedOffer(offer, now.plus(offerCache)));
        return offer;
    }

    private record CachedOffer(StorefrontOffer offer, Instant until) {
    }

    private StorefrontOffer freshOffer(PublicStorefront storefront) {
        Caller vendor = vendorCaller(storefront);
        List<PlanView> onSale = plans.onSale(vendor, storefront.vendorId()).stream()
                .filter(p -> p.audience() == Audience.END_CUSTOMER).toList();
        List<PlanView> shown = onSale;
        if (storefront.shownPlanIds() != null) {
            Set<UUID> chosen = new HashSet<>(storefront.shownPlanIds());
            shown = onSale.stream().filter(p -> chosen.contains(p.id())).toList();
        }
        BillingSettings settings = invoices.versionedSettings(vendor, storefront.vendorId()).settings();
        BigDecimal rate = settings.taxRates() == null ? null : settings.taxRates().stream()
                .filter(r -> r.country() == null).map(BillingSettings.TaxRate::rate).findFirst().orElse(null);
        return new StorefrontOffer(storefront, shown, rate, etag(storefront, shown, rate));
    }

    /** A fresh token for the storefront's order form. */
    @Transactional(readOnly = true)
    public String formToken(PublicStorefront storefront) {
        StorefrontStore.Row row = store.find(storefront.vendorId()).orElseThrow(NotFoundException::new);
        return formTokens.issue(row.accountId(), row.formSecret());
    }

    /**
     * Takes a sign-up: throttled per client address and e-mail, the form's token redeemed, every field checked (all
     * problems in one 422), a duplicate refused; then one UNCONFIRMED application row, and the confirmation mail.
     * Nothing else exists until the applicant confirms.
     *
     * @param language {@code en} or {@code de}: the applicant's mail
     */
    @Transactional
    public SignUpReceipt submit(PublicStorefront storefront, SignUpRequest request, String clientAddress,
                                String language) {
        throttle.address(clientAddress == null ? "unknown" : clientAddress);
        StorefrontStore.Row row = store.find(storefront.vendorId()).orElseThrow(NotFoundException::new);
        formTokens.redeem(request == null ? null : request.formToken(), row.accountId(), row.formSecret());
        StorefrontOffer offer = freshOffer(storefront);
        validation.check(request, problems(request, offer));
        String email = request.email().strip();
        throttle.email(email);
        Instant now = clock.instant();
        applications.expireStale(storefront.vendorId(), email, now);
        Caller vendor = vendorCaller(storefront);
        if (applications.open(storefront.vendorId(), email)
                || staff.emailInUse(scope.subtree(vendor, storefront.vendorId()), email)) {
            throw duplicate();
        }
        String token = confirmationToken();
        UUID id = UUID.randomUUID();
        Instant expires = now.plus(confirmWithin);
        String lang = "de".equals(language) ? "de" : "en";
        boolean inserted = applications.insert(new Applications.NewApplication(id, storefront.vendorId(),
                storefront.vendorPath(), request.companyName().strip(), request.country(),
                request.contactName().strip(), email, lang, request.planId(),
                request.resources() == null ? List.of() : request.resources(),
                clientAddress == null ? "unknown" : clientAddress, digest(token), expires, now));
        if (!inserted) {
            throw duplicate();
        }
        ApplicationView created = applications.find(id).orElseThrow().view();
        audit.record(new AuditRecord(vendor, storefront.vendorId(), storefront.vendorPath(),
                "storefront.signed-up", null, created));
        events.publishEvent(new SignUpSubmitted(id, storefront.vendorId(), storefront.slug(), storefront.title(),
                email, created.contactName(), lang, token, expires));
        return new SignUpReceipt(id, ApplicationStatus.UNCONFIRMED, email, expires);
    }

    /**
     * Follows a confirmation link: an AUTOMATIC storefront activates the sign-up at once (account, administrator,
     * subscription in this one transaction), a MANUAL one puts it in the vendor's queue. A link used before answers
     * what it did then; an unknown or expired link, or one of another storefront: {@link NotFoundException}.
     */
    @Transactional
    public Confirmation confirm(PublicStorefront storefront, String token) {
        if (token == null || token.length() > 200) {
            throw new NotFoundException();
        }
        Applications.Found found = applications.lockByToken(digest(token))
                .filter(f -> f.view().vendorId().equals(storefront.vendorId()))
                .orElseThrow(NotFoundException::new);
        ApplicationView application = found.view();
        switch (application.status()) {
            case ACTIVATED, PENDING_APPROVAL, REJECTED -> {
                return new Confirmation(application.id(), application.status() == ApplicationStatus.REJECTED
                        ? ApplicationStatus.PENDING_APPROVAL : application.status(), true);
            }
            case EXPIRED -> throw new NotFoundException();
            default -> {
            }
        }
        Instant now = clock.instant();
        if (!found.confirmExpiresAt().isAfter(now)) {
            throw new NotFoundException();
        }
        applications.confirmed(application.id(), ApplicationStatus.PENDING_APPROVAL, now);
        Caller vendor = vendorCaller(storefront);
        ApplicationStatus status = ApplicationStatus.PENDING_APPROVAL;
        if (storefront.approval() == ApprovalMode.AUTOMATIC) {
            activation.activate(null, application);
            status = ApplicationStatus.ACTIVATED;
        }
        audit.record(new AuditRecord(vendor, storefront.vendorId(), storefront.vendorPath(),
                "storefront.application-confirmed", Map.of("status", application.status()),
                Map.of("applicationId", application.id(), "status", status)));
        return new Confirmation(application.id(), status, false);
    }

    private List<FieldProblem> problems(SignUpRequest request, StorefrontOffer offer) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request == null) {
            return problems;
        }
        if (request.termsAccepted() != null && !request.termsAccepted()) {
            problems.add(new FieldProblem("termsAccepted", "must be accepted"));
        }
        if (request.planId() != null) {
            Optional<PlanView> plan = offer.plan(request.planId());
            if (plan.isEmpty()) {
                problems.add(new FieldProblem("planId", "is not offered in this storefront"));
            } else if (request.resources() != null) {
                for (int i = 0; i < request.resources().size(); i++) {
                    ResourceQuantity q = request.resources().get(i);
                    if (q == null || q.resourceType() == null || q.quantity() == null) {
                        continue;
                    }
                    Optional<PlanResourceView> resource = plan.get().resources().stream()
                            .filter(r -> r.resourceType().equals(q.resourceType())).findFirst();
                    if (resource.isEmpty()) {
                        problems.add(new FieldProblem("resources[" + i + "].resourceType", "is not in this plan"));
                    } else if (resource.get().limit() != null && q.quantity().compareTo(resource.get().limit()) > 0) {
                        problems.add(new FieldProblem("resources[" + i + "].quantity",
                                "must be at most " + resource.get().limit().stripTrailingZeros().toPlainString()));
                    }
                }
            }
        }
        return problems;
    }

    private Optional<AccountFacts> vendorFacts(StorefrontStore.Row row) {
        return scope.facts(Caller.system(row.accountId(), row.accountPath(), "storefront"), row.accountId());
    }

    private static Caller vendorCaller(PublicStorefront storefront) {
        return Caller.system(storefront.vendorId(), storefront.vendorPath(), "storefront");
    }

    private static RuleViolationException duplicate() {
        return new RuleViolationException(Problem.EMAIL_TAKEN, "This e-mail cannot be used for a new sign-up here.",
                Map.of("errors", List.of(new FieldProblem("email", "cannot be used for a new sign-up here; look for "
                        + "our earlier mail, or sign in"))));
    }

    /** A strong tag of exactly what the pages show: settings, brand, day, tax rate and every plan's shown values. */
    private String etag(PublicStorefront storefront, List<PlanView> shown, BigDecimal rate) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder text = new StringBuilder(64 + shown.size() * 96);
            text.append(storefront.vendorId()).append('|').append(storefront.version()).append('|')
                    .append(storefront.brand().ownerId()).append('|').append(storefront.brand().updatedAt())
                    .append('|').append(storefront.brand().displayName())
                    .append('|').append(LocalDate.now(clock)).append('|').append(rate);
            for (PlanView p : shown) {
                text.append('\n').append(p.id()).append('|').append(p.version()).append('|')
                        .append(p.setupFee()).append('|').append(p.recurringFee());
                for (PlanResourceView r : p.resources()) {
                    text.append('|').append(r.unitPrice()).append('|').append(r.usagePrice());
                }
            }
            byte[] hash = sha.digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String confirmationToken() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return "cnf_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code de} for a German Accept-Language first choice, else {@code en}. */
    public static String language(String acceptLanguage) {
        return acceptLanguage != null && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("de") ? "de"
                : "en";
    }
}
