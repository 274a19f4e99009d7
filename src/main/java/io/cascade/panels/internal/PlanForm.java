package io.cascade.panels.internal;

import io.cascade.catalog.api.Audience;
import io.cascade.catalog.api.BillingPeriod;
import io.cascade.catalog.api.LimitType;
import io.cascade.catalog.api.PlanDraft;
import io.cascade.catalog.api.PlanResourceDraft;
import io.cascade.catalog.api.PlanResourceView;
import io.cascade.catalog.api.PlanStatus;
import io.cascade.catalog.api.PlanUpdate;
import io.cascade.catalog.api.PlanView;
import io.cascade.catalog.api.PriceRule;
import io.cascade.catalog.api.Pricing;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import io.cascade.shared.Price;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plan form as typed: strings, one row per resource (empty rows are left out). Turning it into the catalog's
 * documents only parses numbers, dates and codes, reporting at its input what does not parse; every rule (limits,
 * prices against wholesale cost, what a published plan may still change) is {@code PlanManagement}'s.
 */
record PlanForm(String name, String description, String audience, String billingPeriod, String setupFee,
                String recurringFee, String pricingRule, String pricingValue, boolean allowBelowCost,
                String effectiveFrom, List<Row> resources) {
    static final int EMPTY_ROWS = 3;

    record Row(String resourceType, String included, String limit, String limitType, String unitPrice,
               String usagePrice) {
        boolean blank() {
            return AccountForm.text(resourceType) == null;
        }
    }

    static List<String> fields(int rows) {
        List<String> fields = new ArrayList<>(List.of("name", "description", "audience", "billingPeriod", "setupFee",
                "recurringFee", "pricing", "allowBelowCost", "effectiveFrom", "resources"));
        for (int i = 0; i < rows; i++) {
            for (String f : List.of("resourceType", "included", "limit", "limitType", "unitPrice", "usagePrice")) {
                fields.add("resources[" + i + "]." + f);
            }
        }
        return fields;
    }

    static PlanForm blank() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < EMPTY_ROWS; i++) {
            rows.add(new Row(null, null, null, null, null, null));
        }
        return new PlanForm(null, null, "END_CUSTOMER", "MONTHLY", null, null, "FIXED", null, false, null, rows);
    }

    static PlanForm of(PlanView plan) {
        boolean fixed = plan.pricing().rule() == PriceRule.FIXED;
        List<Row> rows = new ArrayList<>();
        for (PlanResourceView r : plan.resources()) {
            rows.add(new Row(r.resourceType(), plain(r.included()), plain(r.limit()), r.limitType().name(),
                    fixed && r.unitPrice() != null ? plain(r.unitPrice().amount()) : null,
                    fixed && r.usagePrice() != null ? plain(r.usagePrice().amount()) : null));
        }
        if (plan.status() == PlanStatus.DRAFT) {
            for (int i = 0; i < EMPTY_ROWS; i++) {
                rows.add(new Row(null, null, null, null, null, null));
            }
        }
        return new PlanForm(plan.name(), plan.description(), plan.audience().name(), plan.billingPeriod().name(),
                plain(plan.setupFee().amount()), plain(plan.recurringFee().amount()), plan.pricing().rule().name(),
                plain(plan.pricing().value()), false, null, rows);
    }

    /** Reads the posted form: the rows are {@code resources[i].field}, in order, up to 50. */
    static PlanForm from(Map<String, String> p) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 50 && p.containsKey("resources[" + i + "].resourceType"); i++) {
            String prefix = "resources[" + i + "].";
            rows.add(new Row(p.get(prefix + "resourceType"), p.get(prefix + "included"), p.get(prefix + "limit"),
                    p.get(prefix + "limitType"), p.get(prefix + "unitPrice"), p.get(prefix + "usagePrice")));
        }
        return new PlanForm(p.get("name"), p.get("description"), p.get("audience"), p.get("billingPeriod"),
                p.get("setupFee"), p.get("recurringFee"), p.get("pricingRule"), p.get("pricingValue"),
                "true".equals(p.get("allowBelowCost")), p.get("effectiveFrom"), rows);
    }

    /** The same form with {@code extra} more empty rows. */
    PlanForm withEmptyRows(int extra) {
        List<Row> rows = new ArrayList<>(resources);
        for (int i = 0; i < extra; i++) {
            rows.add(new Row(null, null, null, null, null, null));
        }
        return new PlanForm(name, description, audience, billingPeriod, setupFee, recurringFee, pricingRule,
                pricingValue, allowBelowCost, effectiveFrom, rows);
    }

    PlanDraft draft(String currency) {
        Parser parse = new Parser(currency);
        PlanDraft draft = new PlanDraft(AccountForm.text(name), AccountForm.text(description),
                parse.enumValue("audience", audience, Audience.class),
                parse.enumValue("billingPeriod", billingPeriod, BillingPeriod.class),
                parse.money("setupFee", setupFee), parse.money("recurringFee", recurringFee), pricing(parse),
                rows(parse), allowBelowCost ? Boolean.TRUE : null);
        parse.throwIfAny();
        return draft;
    }

    PlanUpdate update(String currency) {
        Parser parse = new Parser(currency);
        LocalDate from = null;
        if (AccountForm.text(effectiveFrom) != null) {
            try {
                from = LocalDate.parse(effectiveFrom.strip());
            } catch (DateTimeParseException e) {
                parse.problems.add(new FieldProblem("effectiveFrom", "must be a date, e.g. 2026-12-01"));
            }
        }
        PlanUpdate update = new PlanUpdate(AccountForm.text(name), AccountForm.text(description),
                parse.enumValue("audience", audience, Audience.class),
                parse.enumValue("billingPeriod", billingPeriod, BillingPeriod.class),
                parse.money("setupFee", setupFee), parse.money("recurringFee", recurringFee), pricing(parse),
                rows(parse), allowBelowCost ? Boolean.TRUE : null, from);
        parse.throwIfAny();
        return update;
    }

    private Pricing pricing(Parser parse) {
        PriceRule rule = parse.enumValue("pricing", pricingRule == null ? "FIXED" : pricingRule, PriceRule.class);
        if (rule == null || rule == PriceRule.FIXED) {
            return rule == null ? null : Pricing.FIXED;
        }
        return new Pricing(rule, parse.decimal("pricing", pricingValue));
    }

    private List<PlanResourceDraft> rows(Parser parse) {
        List<PlanResourceDraft> drafts = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            Row row = resources.get(i);
            if (row.blank()) {
                continue;
            }
            // the service reports rows by their position among those sent: keep positions equal to the form's
            String prefix = "resources[" + i + "].";
            drafts.add(new PlanResourceDraft(AccountForm.text(row.resourceType()),
                    parse.decimal(prefix + "included", row.included()), parse.decimal(prefix + "limit", row.limit()),
                    parse.enumValue(prefix + "limitType", row.limitType(), LimitType.class),
                    parse.price(prefix + "unitPrice", row.unitPrice()),
                    parse.price(prefix + "usagePrice", row.usagePrice())));
        }
        return drafts;
    }

    /** The filled rows first, so that the rows the service names by position are the rows of the form. */
    PlanForm compacted() {
        List<Row> filled = new ArrayList<>(resources.stream().filter(r -> !r.blank()).toList());
        int blanks = resources.size() - filled.size();
        for (int i = 0; i < blanks; i++) {
            filled.add(new Row(null, null, null, null, null, null));
        }
        return new PlanForm(name, description, audience, billingPeriod, setupFee, recurringFee, pricingRule,
                pricingValue, allowBelowCost, effectiveFrom, filled);
    }

    static String plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal s = value.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    private static final class Parser {
        private final List<FieldProblem> problems = new ArrayList<>();
        private final String currency;

        Parser(String currency) {
            this.currency = currency;
        }

        BigDecimal decimal(String field, String value) {
            String text = AccountForm.text(value);
            if (text == null) {
                return null;
            }
            try {
                return new BigDecimal(text.replace(" ", ""));
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem(field, "must be a number, e.g. 10 or 4.50"));
                return null;
            }
        }

        Money money(String field, String value) {
            BigDecimal amount = decimal(field, value);
            if (amount == null) {
                return null;
            }
            try {
                return Money.of(amount.toPlainString(), currency);
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> problems.add(new FieldProblem(field, p.message())));
                return null;
            }
        }

        Price price(String field, String value) {
            BigDecimal amount = decimal(field, value);
            if (amount == null) {
                return null;
            }
            try {
                return Price.of(amount, currency);
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> problems.add(new FieldProblem(field, p.message())));
                return null;
            }
        }

        <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
            String text = AccountForm.text(value);
            if (text == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(field, "is not one of the choices"));
                return null;
            }
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
        }
    }
}
