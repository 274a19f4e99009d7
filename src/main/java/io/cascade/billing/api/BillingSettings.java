package io.cascade.billing.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * An issuer's invoicing settings. {@code numberPrefix} is put before each invoice's six-digit sequence number, with
 * {@code {YYYY}} and {@code {MM}} replaced by the issue date's year and month (default {@code INV-{YYYY}-}); the
 * sequence itself runs on, gapless, per issuer. {@code taxRates}: the issuer's rate in percent, with
 * {@code country} null for the default and an ISO country code for buyers in that country. {@code payment}: how the
 * issuer's buyers pay it, shown on its invoices (null in a change: stays as it is; given: replaces it all).
 */
public record BillingSettings(
        @Size(min = 1, max = 40) @Pattern(regexp = "[A-Za-z0-9{}_./-]*", message = "may contain letters, digits, "
                + "{YYYY}, {MM} and - _ . /") String numberPrefix,
        @Min(0) @Max(365) Integer paymentTermDays,
        @Size(max = 300) List<@NotNull @Valid TaxRate> taxRates,
        @Valid Payment payment) {

    /** The settings without payment settings (a change that leaves them as they are). */
    public BillingSettings(String numberPrefix, Integer paymentTermDays, List<TaxRate> taxRates) {
        this(numberPrefix, paymentTermDays, taxRates, null);
    }

    /**
     * The issuer's bank account and the ways it accepts payment. The IBAN and BIC are validated (ISO 13616 with its
     * check digits, ISO 9362) and kept without spaces; holder and IBAN go together, the BIC is optional (SEPA needs none).
     */
    public record Payment(@Size(max = 140) String accountHolder, @Size(max = 42) String iban,
                          @Size(max = 11) String bic, @Size(max = 3) Set<@NotNull PaymentMethod> acceptedMethods) {
    }

    public record TaxRate(@Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code")
                          String country,
                          @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4)
                          BigDecimal rate) {
    }
}
