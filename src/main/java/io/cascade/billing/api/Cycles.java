package io.cascade.billing.api;

import io.cascade.catalog.api.BillingPeriod;

import java.time.LocalDate;

/**
 * Billing periods (docs/billing.md). A buyer is billed on its cycle day (1–28). A monthly period runs from the cycle
 * day of one month to the cycle day of the next. A yearly subscription's periods run from its anchor — the first
 * cycle day on or after its start — to the same day a year later; the days before the anchor form a leading partial
 * period, which lies in the full year that ends on the anchor.
 */
public final class Cycles {
    private Cycles() {
    }

    /** A period [start, end): start inclusive, end exclusive. */
    public record Period(LocalDate start, LocalDate end) {
        public Period {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("empty period " + start + ".." + end);
            }
        }

        public long days() {
            return end.toEpochDay() - start.toEpochDay();
        }

        public boolean contains(LocalDate day) {
            return !day.isBefore(start) && day.isBefore(end);
        }
    }

    /** The first cycle day on or after {@code day}. */
    public static LocalDate cycleDayOnOrAfter(LocalDate day, int cycleDay) {
        requireCycleDay(cycleDay);
        LocalDate candidate = day.withDayOfMonth(cycleDay);
        return candidate.isBefore(day) ? candidate.plusMonths(1) : candidate;
    }

    /** The full period that contains {@code day}, for a subscription that started on {@code start}. */
    public static Period fullPeriodContaining(LocalDate day, int cycleDay, BillingPeriod period, LocalDate start) {
        requireCycleDay(cycleDay);
        if (period == BillingPeriod.MONTHLY) {
            LocalDate begin = day.withDayOfMonth(cycleDay);
            if (begin.isAfter(day)) {
                begin = begin.minusMonths(1);
            }
            return new Period(begin, begin.plusMonths(1));
        }
        LocalDate anchor = cycleDayOnOrAfter(start, cycleDay);
        LocalDate begin = anchor;
        while (begin.isAfter(day)) {
            begin = begin.minusYears(1);
        }
        while (!begin.plusYears(1).isAfter(day)) {
            begin = begin.plusYears(1);
        }
        return new Period(begin, begin.plusYears(1));
    }

    private static void requireCycleDay(int cycleDay) {
        if (cycleDay < 1 || cycleDay > 28) {
            throw new IllegalArgumentException("cycle day must be 1..28: " + cycleDay);
        }
    }
}
