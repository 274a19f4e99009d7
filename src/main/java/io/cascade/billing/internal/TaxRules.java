package io.cascade.billing.internal;

import io.cascade.accounts.api.VatIds;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Which tax an issuer charges a buyer (docs/billing.md, "Tax"; ADR 0028). A buyer is a business (B2B) when its tax id
 * is a valid EU VAT id. An issuer in the EU charging a business whose VAT id is of another member state charges 0 %
 * and notes the reverse charge (Article 196 of Council Directive 2006/112/EC); everyone else pays the issuer's rate for
 * the buyer's country, else the issuer's default, else 0.
 */
final class TaxRules {
    /** The legal note printed on a reverse-charge invoice. */
    static final String REVERSE_CHARGE_NOTE = "Reverse charge: VAT to be accounted for by the recipient, "
            + "Article 196 of Council Directive 2006/112/EC";
    /** The key of an issuer's default rate among its rates. */
    static final String DEFAULT = "--";

    private TaxRules() {
    }

    /**
     * @param rate          the rate of every line, in percent
     * @param reverseCharge whether the invoice carries the reverse-charge note
     * @param buyerVatId    the buyer's VAT id printed on a reverse-charge invoice (null otherwise)
     */
    record Decision(BigDecimal rate, boolean reverseCharge, String buyerVatId) {
    }

    /**
     * @param issuerCountry the issuer's country (ISO code; null when unknown)
     * @param buyerCountry  the buyer's country (ISO code; null when unknown)
     * @param buyerTaxId    the buyer's tax id as on its account (null when none)
     * @param issuerRates   the issuer's rates by buyer country, its default under {@link #DEFAULT}
     */
    static Decision decide(String issuerCountry, String buyerCountry, String buyerTaxId,
                           Map<String, BigDecimal> issuerRates) {
        String buyerState = VatIds.memberState(buyerTaxId);
        if (VatIds.inEu(issuerCountry) && buyerState != null && !buyerState.equals(issuerCountry)) {
            return new Decision(BigDecimal.ZERO, true, buyerTaxId);
        }
        BigDecimal rate = buyerCountry == null ? null : issuerRates.get(buyerCountry);
        if (rate == null) {
            rate = issuerRates.getOrDefault(DEFAULT, BigDecimal.ZERO);
        }
        return new Decision(rate, false, null);
    }
}
