package io.cascade.catalog.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountType;
import io.cascade.catalog.internal.PlanPricing;
import io.cascade.catalog.internal.Plans;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Price;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a reseller's plan must respect: it may only sell services it holds through a wholesale subscription or its
 * own services (ADR 0036), and its per-unit prices must not fall under what it pays for the same unit, unless it says
 * so explicitly.
 */
@Component
class PlanCosts {
    private final Holdings holdings;
    private final PlanPricing pricing;
    private final Plans plans;

    PlanCosts(Holdings holdings, PlanPricing pricing, Plans plans) {
        this.holdings = holdings;
        this.pricing = pricing;
        this.plans = plans;
    }

    void requireHeld(AccountFacts vendor, List<Plans.Resource> resources) {
        if (vendor.type() != AccountType.RESELLER) {
            return;
        }
        TreeSet<String> missing = new TreeSet<>();
        for (Plans.Resource r : resources) {
            if (vendor.id().equals(r.ownerId())) {
                continue; // its own product: nothing to hold (ADR 0036)
            }
            if (holdings.wholesalePlanFor(vendor.id(), r.resourceTypeId()).isEmpty()) {
                missing.add(r.serviceCode());
            }
        }
        if (!missing.isEmpty()) {
            throw new RuleViolationException(Problem.SERVICE_NOT_HELD,
                    "You can sell only services you hold through a reseller subscription; not held: "
                            + String.join(", ", missing) + ".", Map.of("services", List.copyOf(missing)));
        }
    }

    /**
     * The per-unit prices of a reseller's plan that fall under its wholesale cost on {@code day}. Refused with 422
     * naming each cost, unless {@code allowed}; then answered, to be recorded in the audit log.
     */
    List<Map<String, Object>> belowCost(AccountFacts vendor, List<Plans.Resource> resources, PriceVersion prices,
                                        LocalDate day, boolean allowed) {
        if (vendor.type() != AccountType.RESELLER) {
            return List.of();
        }
        List<Map<String, Object>> below = new ArrayList<>();
        boolean derived = prices.pricing().rule() != PriceRule.FIXED;
        for (Plans.Resource r : resources) {
            var planOfWholesale = holdings.wholesalePlanFor(vendor.id(), r.resourceTypeId()).flatMap(plans::find);
            if (planOfWholesale.isEmpty()) {
                continue; // nothing to compare with
            }
            if (!planOfWholesale.get().currency().equals(vendor.currency())) {
                if (derived) {
                    // no exchange rates: a markup on a price in another currency would relabel its digits
                    throw new InvalidInputException("pricing.rule", "a markup applies to wholesale prices in the "
                            + "plan's currency, " + vendor.currency() + "; " + r.code() + " is held at "
                            + planOfWholesale.get().currency() + " prices: set FIXED prices in "
                            + vendor.currency());
                }
                continue; // no exchange rate: no cost check
            }
            Prices.ResourcePrices cost = pricing.on(planOfWholesale.get(), day).of(r.code());
            PriceVersion.ResourcePrice mine = prices.resources().get(r.code());
            if (derived) {
                requireNotNegative(r.code(), "unitPrice", derivedAmount(cost.unitPrice(), prices), vendor.currency());
                requireNotNegative(r.code(), "usagePrice", derivedAmount(cost.usagePrice(), prices),
                        vendor.currency());
                if (prices.pricing().value() != null && prices.pricing().value().signum() < 0) {
                    compare(below, r.code(), "unitPrice", derivedAmount(cost.unitPrice(), prices), cost.unitPrice());
                    compare(below, r.code(), "usagePrice", derivedAmount(cost.usagePrice(), prices),
                            cost.usagePrice());
                }
            } else if (mine != null) {
                compare(below, r.code(), "unitPrice", mine.unitPrice(), cost.unitPrice());
                compare(below, r.code(), "usagePrice", mine.usagePrice(), cost.usagePrice());
            }
        }
        if (!below.isEmpty() && !allowed) {
            throw new RuleViolationException(Problem.BELOW_WHOLESALE_COST,
                    "Some prices are below what you pay for the same unit; raise them, or send "
                            + "\"allowBelowCost\": true to sell at a loss on purpose.", Map.of("costs", below));
        }
        return below;
    }

    /**
     * What a reseller pays on {@code day} for each resource of its plan, per resource type code: the prices of the
     * wholesale plan it holds the resource through (absent: not held, or held in another currency).
     */
    Map<String, Prices.ResourcePrices> wholesale(AccountFacts vendor, List<Plans.Resource> resources, LocalDate day) {
        Map<String, Prices.ResourcePrices> result = new LinkedHashMap<>();
        if (vendor.type() != AccountType.RESELLER) {
            return result;
        }
        for (Plans.Resource r : resources) {
            holdings.wholesalePlanFor(vendor.id(), r.resourceTypeId()).flatMap(plans::find)
                    .filter(plan -> plan.currency().equals(vendor.currency()))
                    .ifPresent(plan -> result.put(r.code(), pricing.on(plan, day).of(r.code())));
        }
        return result;
    }

    private static BigDecimal derivedAmount(Price cost, PriceVersion prices) {
        if (cost == null) {
            return null;
        }
        return PlanPricing.markedUp(cost, prices);
    }

    /** A price is never negative, below cost allowed or not. */
    private static void requireNotNegative(String resourceType, String price, BigDecimal derived, String currency) {
        if (derived != null && derived.signum() < 0) {
            throw new InvalidInputException("pricing.value", "would make the " + price + " of " + resourceType + " "
                    + derived.toPlainString() + " " + currency + "; a price is never negative");
        }
    }

    private static void compare(List<Map<String, Object>> below, String resourceType, String price,
                                BigDecimal mine, Price cost) {
        if (mine != null && cost != null && mine.compareTo(cost.amount()) < 0) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("resourceType", resourceType);
            entry.put("price", price);
            entry.put("yours", mine.toPlainString());
            entry.put("cost", cost);
            below.add(entry);
        }
    }
}
