package io.cascade.catalog.internal;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountType;
import io.cascade.catalog.api.LimitType;
import io.cascade.catalog.api.PlanResourceDraft;
import io.cascade.catalog.api.PriceRule;
import io.cascade.catalog.api.Pricing;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.Money;
import io.cascade.shared.Price;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Field rules of a plan document that Bean Validation cannot express. */
public final class PlanRules {
    private PlanRules() {
    }

    public static List<FieldProblem> problems(AccountFacts vendor, Money setupFee, Money recurringFee, Pricing pricing,
                                              List<PlanResourceDraft> resources, Services services) {
        List<FieldProblem> problems = new ArrayList<>();
        String currency = vendor.currency();
        checkCurrency(problems, "setupFee", setupFee == null ? null : setupFee.currency().getCurrencyCode(), currency);
        checkCurrency(problems, "recurringFee",
                recurringFee == null ? null : recurringFee.currency().getCurrencyCode(), currency);
        boolean derived = pricing != null && pricing.rule() != PriceRule.FIXED;
        if (derived && vendor.type() != AccountType.RESELLER) {
            problems.add(new FieldProblem("pricing.rule",
                    "only a reseller derives prices from a wholesale price; use FIXED"));
        }
        if (derived && pricing.value() == null) {
            problems.add(new FieldProblem("pricing.value", "is required for " + pricing.rule()));
        }
        if (pricing != null && pricing.value() != null
                && (pricing.value().abs().compareTo(new java.math.BigDecimal("1000000000")) > 0
                || pricing.value().scale() > Price.SCALE)) {
            problems.add(new FieldProblem("pricing.value", "is out of range"));
        } else if (derived && pricing.rule() == PriceRule.MARKUP_PERCENT && pricing.value() != null
                && pricing.value().compareTo(new java.math.BigDecimal("-100")) < 0) {
            problems.add(new FieldProblem("pricing.value", "must not be below -100: a price is never negative"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < (resources == null ? 0 : resources.size()); i++) {
            PlanResourceDraft r = resources.get(i);
            String field = "resources[" + i + "]";
            if (r == null || r.resourceType() == null) {
                continue;
            }
            // a reseller's own resource type exists only for its own subtree (ADR 0036)
            var type = services.resourceType(r.resourceType()).filter(t -> t.usableBy(vendor.path()));
            if (type.isEmpty()) {
                problems.add(new FieldProblem(field + ".resourceType", "is not a resource type of any service"));
            } else if (!seen.add(r.resourceType())) {
                problems.add(new FieldProblem(field + ".resourceType", "appears twice"));
            }
            if (type.isPresent() && !type.get().metered() && r.usagePrice() != null) {
                // no usage is ever reported for a counted type, so a usage price could never be charged
                problems.add(new FieldProblem(field + ".usagePrice",
                        "is not possible: the resource type is not metered (its quantity is what is ordered; "
                                + "price it by unitPrice)"));
            }
            if (r.limit() != null && r.included() != null && r.limit().compareTo(r.included()) < 0) {
                problems.add(new FieldProblem(field + ".limit", "must not be below the included quantity"));
            }
            if (r.limit() == null && r.limitType() == LimitType.HARD) {
                problems.add(new FieldProblem(field + ".limit", "is required for a HARD limit"));
            }
            checkCurrency(problems, field + ".unitPrice",
                    r.unitPrice() == null ? null : r.unitPrice().currency().getCurrencyCode(), currency);
            checkCurrency(problems, field + ".usagePrice",
                    r.usagePrice() == null ? null : r.usagePrice().currency().getCurrencyCode(), currency);
            if (derived && (r.unitPrice() != null || r.usagePrice() != null)) {
                problems.add(new FieldProblem(field, "prices are derived from your wholesale prices; leave them out"));
            }
            if (negative(r.unitPrice()) || negative(r.usagePrice())) {
                problems.add(new FieldProblem(field, "prices must not be negative"));
            }
        }
        if ((setupFee != null && setupFee.isNegative()) || (recurringFee != null && recurringFee.isNegative())) {
            problems.add(new FieldProblem(setupFee != null && setupFee.isNegative() ? "setupFee" : "recurringFee",
                    "must not be negative"));
        }
        return problems;
    }

    private static boolean negative(Price price) {
        return price != null && price.isNegative();
    }

    private static void checkCurrency(List<FieldProblem> problems, String field, String given, String expected) {
        if (given != null && !given.equals(expected)) {
            problems.add(new FieldProblem(field + ".currency", "must be " + expected + ", the vendor's currency"));
        }
    }
}
