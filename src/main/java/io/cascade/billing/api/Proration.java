package io.cascade.billing.api;

import io.cascade.catalog.api.BillingPeriod;
import io.cascade.shared.Money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Charging for part of a period (docs/billing.md): {@code price × days used ÷ days in the full period that contains
 * them}, rounded HALF_UP to the currency's scale — once per line. A span that crosses period boundaries is split
 * into one piece per period, each with its own period's length.
 */
public final class Proration {
    private static final MathContext EXACT = MathContext.DECIMAL128;

    private Proration() {
    }

    /** One piece of a span, within one full period. */
    public record Piece(LocalDate from, LocalDate to, Cycles.Period fullPeriod) {
        public long days() {
            return to.toEpochDay() - from.toEpochDay();
        }

        public boolean whole() {
            return from.equals(fullPeriod.start()) && to.equals(fullPeriod.end());
        }
    }

    /** Splits [from, to) into pieces, one per full period it touches. */
    public static List<Piece> pieces(LocalDate from, LocalDate to, int cycleDay, BillingPeriod period,
                                     LocalDate subscriptionStart) {
        List<Piece> pieces = new ArrayList<>();
        LocalDate cursor = from;
        while (cursor.isBefore(to)) {
            Cycles.Period full = Cycles.fullPeriodContaining(cursor, cycleDay, period, subscriptionStart);
            LocalDate end = full.end().isBefore(to) ? full.end() : to;
            pieces.add(new Piece(cursor, end, full));
            cursor = end;
        }
        return pieces;
    }

    /** The charge for one piece: price × days ÷ days of its full period, rounded once. */
    public static Money charge(Money pricePerPeriod, Piece piece) {
        if (piece.whole()) {
            return pricePerPeriod;
        }
        BigDecimal amount = pricePerPeriod.amount().multiply(BigDecimal.valueOf(piece.days()))
                .divide(BigDecimal.valueOf(piece.fullPeriod().days()), EXACT)
                .setScale(Math.max(pricePerPeriod.currency().getDefaultFractionDigits(), 0), RoundingMode.HALF_UP);
        return new Money(amount, pricePerPeriod.currency());
    }

    /** The credit for the unused rest of a piece after {@code changeDay} (negative), for a change or a cancellation. */
    public static Money creditFrom(Money pricePerPeriod, Cycles.Period billed, LocalDate changeDay) {
        if (!billed.contains(changeDay)) {
            return new Money(BigDecimal.ZERO, pricePerPeriod.currency());
        }
        Piece unused = new Piece(changeDay, billed.end(), billed);
        Money credit = charge(pricePerPeriod, unused);
        return new Money(credit.amount().negate(), credit.currency());
    }
}
