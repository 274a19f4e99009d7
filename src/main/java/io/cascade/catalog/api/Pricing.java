package io.cascade.catalog.api;

import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;

/**
 * @param value the percentage (MARKUP_PERCENT, e.g. 20 for +20 %) or the amount in the plan's currency
 *              (MARKUP_AMOUNT) added to each wholesale per-unit price; unused for FIXED
 */
public record Pricing(@NotNull PriceRule rule, BigDecimal value) {
    public static final Pricing FIXED = new Pricing(PriceRule.FIXED, null);

    public Pricing {
        value = value == null ? null : value.stripTrailingZeros();
        if (value != null && value.scale() < 0) {
            value = value.setScale(0);
        }
    }
}
