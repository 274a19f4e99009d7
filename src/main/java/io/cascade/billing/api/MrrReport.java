package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * A vendor's monthly recurring revenue at the end of each month and its movement from the month before, per
 * currency (docs/billing.md, "Receivables and MRR"). For every month:
 * {@code mrr = previous mrr + newMrr + expansion − contraction − churn}; {@code opening} is the MRR at the end of
 * the month before the first.
 */
public record MrrReport(UUID accountId, List<YearMonth> months, List<Series> currencies) {

    public record Month(YearMonth month, Money mrr, Money newMrr, Money expansion, Money contraction, Money churn,
                        int subscriptions) {
    }

    public record Series(String currency, Money opening, List<Month> months) {
    }
}
