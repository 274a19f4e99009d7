package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * A reseller's margin in one month, by the issue dates of the invoices: what it billed its own buyers (retail,
 * before tax) against what its vendor billed it for its holdings (wholesale cost, before tax), per currency and per
 * holding — each retail line names the holding it draws on.
 */
public record MarginReport(UUID accountId, YearMonth period, List<Currency> currencies) {

    /**
     * {@code ownProducts}: the part of {@code retail} that draws on no holding — the reseller's own products, add-ons,
     * plans without held resources (ADR 0036): pure revenue, with no cost line.
     */
    public record Currency(String currency, Money retail, Money wholesaleCost, Money margin, List<Holding> holdings,
                           Money ownProducts) {
    }

    /** {@code subscriptionId} null: retail billed that draws on no holding (e.g. plans without resources). */
    public record Holding(UUID subscriptionId, Money retail, Money wholesaleCost, Money margin) {
    }
}
