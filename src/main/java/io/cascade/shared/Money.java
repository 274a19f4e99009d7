package io.cascade.shared;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in one currency, at the currency's scale (EUR 2 places, JPY 0). In JSON
 * {@code {"amount": "12.50", "currency": "EUR"}} — the amount is a decimal string, never a float. Rounding, where
 * needed, is HALF_UP. Compare with {@link #compareTo}, not equals on the amount.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, Currency currency)
        implements Comparable<Money> {
    /** Amounts fit numeric(19,4): 15 integer digits. Checked before any arithmetic, so 1e100000000 costs nothing. */
    public static final int MAX_INTEGER_DIGITS = 15;
    public static final int MAX_SCALE = 10;

    public Money {
        if (amount == null) {
            throw new InvalidInputException("amount", "is required");
        }
        if (currency == null) {
            throw new InvalidInputException("currency", "is required (an ISO 4217 code)");
        }
        if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS || amount.scale() > MAX_SCALE) {
            throw new InvalidInputException("amount", "must have at most " + MAX_INTEGER_DIGITS
                    + " digits before and " + MAX_SCALE + " after the decimal point");
        }
        int scale = Math.max(currency.getDefaultFractionDigits(), 0);
        amount = amount.setScale(scale, RoundingMode.HALF_UP);
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currency));
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    @JsonIgnore
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    private void requireSameCurrency(Money other) {
        if (!Objects.equals(currency, other.currency)) {
            throw new IllegalArgumentException("Currencies differ: " + currency + " and " + other.currency);
        }
    }
}
