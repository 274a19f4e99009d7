package io.cascade.shared;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * A price per unit: like {@link Money} in JSON ({@code {"amount": "0.0125", "currency": "EUR"}}) but with up to
 * {@value #SCALE} decimals, since a unit (a megabyte, a minute) may cost less than the currency's smallest coin.
 * Amounts are only rounded to the currency's scale when a price is multiplied into {@link Money} ({@link #times}).
 */
public record Price(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, Currency currency) {
    public static final int SCALE = 4;

    public Price {
        if (amount == null) {
            throw new InvalidInputException("amount", "is required");
        }
        if (currency == null) {
            throw new InvalidInputException("currency", "is required (an ISO 4217 code)");
        }
        if (amount.precision() - amount.scale() > Money.MAX_INTEGER_DIGITS || amount.scale() > Money.MAX_SCALE) {
            throw new InvalidInputException("amount", "must have at most " + Money.MAX_INTEGER_DIGITS
                    + " digits before and " + SCALE + " after the decimal point");
        }
        amount = amount.setScale(Math.max(SCALE, currency.getDefaultFractionDigits()), RoundingMode.HALF_UP)
                .stripTrailingZeros();
        if (amount.scale() < currency.getDefaultFractionDigits()) {
            amount = amount.setScale(currency.getDefaultFractionDigits());
        }
    }

    public static Price of(BigDecimal amount, String currency) {
        return new Price(amount, Currency.getInstance(currency));
    }

    /** price × quantity, rounded HALF_UP to the currency's scale. */
    public Money times(BigDecimal quantity) {
        return new Money(amount.multiply(quantity), currency);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isNegative() {
        return amount.signum() < 0;
    }
}
