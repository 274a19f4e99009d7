package io.cascade.billing;

import io.cascade.billing.api.Cycles;
import io.cascade.billing.api.Proration;
import io.cascade.catalog.api.BillingPeriod;
import io.cascade.shared.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The proration rules of docs/billing.md, as rows of dates and amounts. */
class ProrationTest {

    @ParameterizedTest(name = "{0}: day {1} of {2}..{3}")
    @CsvSource({
            // day, cycle day, expected period start, expected end
            "2026-03-15, 1, 2026-03-01, 2026-04-01",
            "2026-03-01, 1, 2026-03-01, 2026-04-01",
            "2026-03-14, 15, 2026-02-15, 2026-03-15",
            "2026-01-20, 28, 2025-12-28, 2026-01-28",
            "2028-02-29, 28, 2028-02-28, 2028-03-28",
    })
    void monthlyPeriodsRunFromCycleDayToCycleDay(LocalDate day, int cycleDay, LocalDate start, LocalDate end) {
        Cycles.Period period = Cycles.fullPeriodContaining(day, cycleDay, BillingPeriod.MONTHLY, day);
        assertThat(period).isEqualTo(new Cycles.Period(start, end));
    }

    @ParameterizedTest(name = "{0} to {1}, cycle day {2}: {3} EUR of {4}")
    @CsvSource({
            // a leading partial period in a 31-day period: 17 days of 31
            "2026-03-15, 2026-04-01, 1, 30.00, 16.45",
            // February of a common year has 28 days: 14 of 28 is half
            "2026-02-15, 2026-03-01, 1, 30.00, 15.00",
            // February of a leap year has 29 days
            "2028-02-15, 2028-03-01, 1, 30.00, 15.52",
            // a whole period is the price itself, never recomputed
            "2026-04-01, 2026-05-01, 1, 29.99, 29.99",
            // cycle day 15: the period 2026-02-15..2026-03-15 has 28 days; 10 days used
            "2026-03-05, 2026-03-15, 15, 10.00, 3.57",
            // HALF_UP at the currency scale: 1 day of 31 of 0.50 is 0.016... -> 0.02
            "2026-01-31, 2026-02-01, 1, 0.50, 0.02",
    })
    void aPartialPeriodIsPriceTimesDaysUsedOverDaysInItsPeriod(LocalDate from, LocalDate to, int cycleDay,
                                                              String price, String expected) {
        List<Proration.Piece> pieces = Proration.pieces(from, to, cycleDay, BillingPeriod.MONTHLY, from);
        assertThat(pieces).hasSize(1);
        assertThat(Proration.charge(Money.of(price, "EUR"), pieces.get(0)).amount()).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "backdated {0} to {1}: {2} pieces, {3} EUR")
    @CsvSource({
            // started 2026-01-20, billed up to 2026-04-01 on cycle day 1: 12/31 of January, February, March
            "2026-01-20, 2026-04-01, 3, 71.61",
            // started on a cycle day: two whole periods
            "2026-02-01, 2026-04-01, 2, 60.00",
    })
    void aBackdatedStartIsBilledPeriodByPeriod(LocalDate from, LocalDate to, int pieceCount, String total) {
        List<Proration.Piece> pieces = Proration.pieces(from, to, 1, BillingPeriod.MONTHLY, from);
        assertThat(pieces).hasSize(pieceCount);
        Money sum = pieces.stream().map(p -> Proration.charge(Money.of("30.00", "EUR"), p))
                .reduce(Money.of("0", "EUR"), Money::plus);
        assertThat(sum.amount()).isEqualByComparingTo(total);
    }

    @ParameterizedTest(name = "change on {0}: credit {2}, charge {3}")
    @CsvSource({
            // upgrade from 10.00 to 20.00 on day 11 of a 30-day period (April): 20 days unused
            "2026-04-11, 10.00, -6.67, 13.33",
            // downgrade from 20.00 to 10.00 in February (28 days), 14 days left
            "2026-02-15, 20.00, -10.00, 5.00",
    })
    void aChangeMidPeriodCreditsTheOldTermsAndChargesTheNewForTheRest(LocalDate day, String oldPrice,
                                                                      String credit, String charge) {
        Cycles.Period billed = Cycles.fullPeriodContaining(day, 1, BillingPeriod.MONTHLY, day);
        String newPrice = oldPrice.equals("10.00") ? "20.00" : "10.00";
        assertThat(Proration.creditFrom(Money.of(oldPrice, "EUR"), billed, day).amount())
                .isEqualByComparingTo(credit);
        Proration.Piece rest = new Proration.Piece(day, billed.end(), billed);
        assertThat(Proration.charge(Money.of(newPrice, "EUR"), rest).amount()).isEqualByComparingTo(charge);
    }

    @ParameterizedTest(name = "yearly from {0}, cycle day {1}: day {2} lies in {3}..{4}")
    @CsvSource({
            // anchor 2026-04-01 (first cycle day on or after the start); the leading days lie in the year before
            "2026-03-15, 1, 2026-03-20, 2025-04-01, 2026-04-01",
            "2026-03-15, 1, 2026-04-01, 2026-04-01, 2027-04-01",
            "2026-03-15, 1, 2027-12-31, 2027-04-01, 2028-04-01",
            // a start on 2028-02-28 (cycle day 28) across a leap day: 366 days
            "2028-02-28, 28, 2028-06-01, 2028-02-28, 2029-02-28",
    })
    void yearlyPeriodsRunFromTheAnchor(LocalDate start, int cycleDay, LocalDate day, LocalDate periodStart,
                                       LocalDate periodEnd) {
        assertThat(Cycles.fullPeriodContaining(day, cycleDay, BillingPeriod.YEARLY, start))
                .isEqualTo(new Cycles.Period(periodStart, periodEnd));
    }

    @ParameterizedTest(name = "cancel on {0}: credit {1}")
    @CsvSource({
            "2026-04-01, -30.00",
            "2026-04-30, -1.00",
            "2026-05-01, 0.00",
    })
    void anImmediateCancellationCreditsTheUnusedPart(LocalDate day, String credit) {
        Cycles.Period april = new Cycles.Period(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1));
        assertThat(Proration.creditFrom(Money.of("30.00", "EUR"), april, day).amount()).isEqualByComparingTo(credit);
    }
}
