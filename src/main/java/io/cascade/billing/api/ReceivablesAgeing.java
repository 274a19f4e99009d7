package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An issuer's open receivables as of a day, per currency and buyer, in buckets of days past the due date: current
 * (not yet due), 1–30, 31–60, 61–90 and over 90 days. Only open invoices with an amount due count, at their amount
 * due; {@code totals} is the sum over the buyers.
 */
public record ReceivablesAgeing(UUID accountId, LocalDate asOf, List<CurrencyAgeing> currencies) {

    public record Buckets(Money current, Money days1To30, Money days31To60, Money days61To90, Money over90,
                          Money total) {
        Buckets plus(Buckets o) {
            return new Buckets(current.plus(o.current), days1To30.plus(o.days1To30), days31To60.plus(o.days31To60),
                    days61To90.plus(o.days61To90), over90.plus(o.over90), total.plus(o.total));
        }
    }

    public record Buyer(UUID buyerId, String companyName, Buckets buckets) {
    }

    public record CurrencyAgeing(String currency, Buckets totals, List<Buyer> buyers) {
    }
}
