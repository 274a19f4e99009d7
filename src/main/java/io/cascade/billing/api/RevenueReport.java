package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * What an account's subtree billed (invoices minus credit notes, before tax, by issue date) in each of the
 * {@code months}, per tier — the level in the tree of the issuing account (0: the provider, 1: resellers right
 * below it, ...) — and currency. A month without invoices is zero.
 */
public record RevenueReport(UUID accountId, List<YearMonth> months, List<Tier> tiers) {

    public record Tier(int level, String currency, List<Money> billed) {
    }
}
