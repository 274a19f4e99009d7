package io.cascade.catalog.internal;

import io.cascade.catalog.api.Holdings;
import io.cascade.catalog.api.PriceRule;
import io.cascade.catalog.api.PriceVersion;
import io.cascade.catalog.api.Prices;
import io.cascade.shared.Price;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a plan's prices on a day. FIXED prices are read as stored; derived per-resource prices are the reseller's
 * wholesale price of the same resource on the same day — itself possibly derived, one tier up — plus the markup.
 * Billing asks for the prices on a period's first day, so a vendor's price change reaches derived prices from the
 * next period on.
 */
@Component
public class PlanPricing {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Plans plans;
    private final Holdings holdings;

    PlanPricing(Plans plans, Holdings holdings) {
        this.plans = plans;
        this.holdings = holdings;
    }

    public Prices on(Plans.PlanRecord plan, LocalDate day) {
        return on(plan, day, (vendorId, resourceTypeId) -> holdings.wholesalePlanFor(vendorId, resourceTypeId)
                .flatMap(plans::find)
                .map(wholesalePlan -> on(wholesalePlan, day).of(codeOf(plan, resourceTypeId))));
    }

    private static String codeOf(Plans.PlanRecord plan, UUID resourceTypeId) {
        return plan.resources().stream().filter(r -> r.resourceTypeId().equals(resourceTypeId)).findFirst()
                .orElseThrow().code();
    }

    /**
     * {@link #on(Plans.PlanRecord, LocalDate)} with the wholesale side given by the caller: {@code wholesalePrices}
     * answers the vendor's wholesale prices of a resource type on the day (vendor id, resource type id), or nothing
     * when the vendor holds no such resource. A bulk reader (a billing run resolving thousands of plans on many
     * days, {@code PlanManagement.priceBook()}) answers it from its own memory; the rules are the same code.
     */
    public Prices on(Plans.PlanRecord plan, LocalDate day,
                     BiFunction<UUID, UUID, Optional<Prices.ResourcePrices>> wholesalePrices) {
        PriceVersion version = plan.pricesOn(day);
        Currency currency = Currency.getInstance(plan.currency());
        Map<String, Prices.ResourcePrices> resources = new LinkedHashMap<>();
        for (Plans.Resource resource : plan.resources()) {
            if (version.pricing().rule() == PriceRule.FIXED) {
                PriceVersion.ResourcePrice stored = version.resources().get(resource.code());
                resources.put(resource.code(), stored == null ? new Prices.ResourcePrices(null, null)
                        : new Prices.ResourcePrices(price(stored.unitPrice(), currency),
                        price(stored.usagePrice(), currency)));
            } else {
                Prices.ResourcePrices wholesale = wholesalePrices.apply(plan.vendorId(), resource.resourceTypeId())
                        .orElse(new Prices.ResourcePrices(null, null));
                resources.put(resource.code(), new Prices.ResourcePrices(
                        markup(wholesale.unitPrice(), version, currency),
                        markup(wholesale.usagePrice(), version, currency)));
            }
        }
        return new Prices(day, version.pricing(), version.setupFee(), version.recurringFee(), resources);
    }

    /** The vendor's wholesale prices of a resource on a day, when the vendor is a reseller that holds it. */
    public Optional<Prices.ResourcePrices> wholesale(Plans.PlanRecord plan, Plans.Resource resource, LocalDate day) {
        return holdings.wholesalePlanFor(plan.vendorId(), resource.resourceTypeId())
                .flatMap(plans::find)
                .map(wholesalePlan -> on(wholesalePlan, day).of(resource.code()));
    }

    /**
     * The wholesale price plus the markup, never below zero: a plan whose markup would make a price negative is
     * refused, and should its wholesale price fall under the (negative) markup later, the derived price is 0.
     */
    public static Price markup(Price wholesale, PriceVersion version, Currency currency) {
        BigDecimal amount = markedUp(wholesale, version);
        return amount == null ? null : new Price(amount.max(BigDecimal.ZERO.setScale(amount.scale())), currency);
    }

    /** The wholesale price plus the markup, as computed (negative when a negative markup exceeds the price). */
    public static BigDecimal markedUp(Price wholesale, PriceVersion version) {
        if (wholesale == null) {
            return null;
        }
        BigDecimal value = version.pricing().value() == null ? BigDecimal.ZERO : version.pricing().value();
        return version.pricing().rule() == PriceRule.MARKUP_PERCENT
                ? wholesale.amount().multiply(HUNDRED.add(value)).divide(HUNDRED, Price.SCALE, RoundingMode.HALF_UP)
                : wholesale.amount().add(value);
    }

    private static Price price(BigDecimal amount, Currency currency) {
        return amount == null ? null : new Price(amount, currency);
    }
}
