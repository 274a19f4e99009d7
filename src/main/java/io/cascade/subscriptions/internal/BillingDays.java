package io.cascade.subscriptions.internal;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountType;
import io.cascade.catalog.api.BillingPeriod;

import java.time.LocalDate;

/**
 * Billing periods as the billing rules define them: a buyer is billed on its cycle day — its own bill cycle day, or
 * for a customer of a reseller the reseller profile's customer bill cycle day. A monthly period runs from that day of
 * one month to that day of the next; a yearly one from the first cycle day on or after the subscription's start to
 * the same day a year later.
 */
public final class BillingDays {
    private BillingDays() {
    }

    public static int cycleDay(AccountFacts buyer, AccountFacts vendor) {
        if (vendor != null && vendor.type() == AccountType.RESELLER && vendor.customerBillCycleDay() != null
                && buyer.type() == AccountType.CUSTOMER) {
            return vendor.customerBillCycleDay();
        }
        return buyer.billCycleDay();
    }

    /** The first day after the period that contains {@code today}: where "at period end" takes effect. */
    public static LocalDate periodEnd(AccountFacts buyer, AccountFacts vendor, BillingPeriod period,
                                      LocalDate start, LocalDate today) {
        int day = cycleDay(buyer, vendor);
        LocalDate boundary = today.withDayOfMonth(day);
        if (!boundary.isAfter(today)) {
            boundary = boundary.plusMonths(1);
        }
        if (period == BillingPeriod.MONTHLY) {
            return boundary;
        }
        LocalDate anchor = start.withDayOfMonth(day);
        if (anchor.isBefore(start)) {
            anchor = anchor.plusMonths(1);
        }
        LocalDate end = anchor;
        while (!end.isAfter(today)) {
            end = end.plusYears(1);
        }
        return end;
    }
}
