package io.cascade.billing.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rows of the tax table in docs/billing.md ("Tax"), one by one. */
class TaxRulesTest {
    /** A German issuer's rates: 19 % at home, 20 % for Austria, a default of 7 %. */
    private static final Map<String, BigDecimal> RATES = Map.of("DE", new BigDecimal("19"), "AT",
            new BigDecimal("20"), TaxRules.DEFAULT, new BigDecimal("7"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # row                                                   | issuer | buyer | buyer tax id   | rate | reverse
            1 EU issuer, business in another member state           | DE     | AT    | ATU12345678    | 0    | true
            1 the VAT id's state counts, not the address            | DE     | DE    | FR12345678901  | 0    | true
            1 Greece's prefix EL is the member state GR             | DE     | GR    | EL123456789    | 0    | true
            2 business in the issuer's own member state             | DE     | DE    | DE123456789    | 19   | false
            3 consumer (no tax id) in another member state          | DE     | AT    | -              | 20   | false
            3 a tax id that is not an EU VAT id is no business      | DE     | AT    | 12/345/67890   | 20   | false
            3 a malformed VAT id is no VAT id                       | DE     | AT    | ATU123         | 20   | false
            4 issuer outside the EU, business in the EU             | US     | AT    | ATU12345678    | 20   | false
            4 issuer without a country                              | -      | AT    | ATU12345678    | 20   | false
            5 no rate for the buyer's country: the default          | DE     | CH    | CHE123456789   | 7    | false
            5 buyer without a country: the default                  | DE     | -     | -              | 7    | false
            """)
    void decidesByTheTable(String row, String issuerCountry, String buyerCountry, String buyerTaxId, String rate,
                           boolean reverseCharge) {
        TaxRules.Decision d = TaxRules.decide(issuerCountry, buyerCountry, buyerTaxId, RATES);

        assertThat(d.rate()).isEqualByComparingTo(rate);
        assertThat(d.reverseCharge()).isEqualTo(reverseCharge);
        assertThat(d.buyerVatId()).isEqualTo(reverseCharge ? buyerTaxId : null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            issuer without any rate charges 0 | DE | AT | -
            """)
    void noRateAtAllIsZero(String row, String issuerCountry, String buyerCountry, String buyerTaxId) {
        assertThat(TaxRules.decide(issuerCountry, buyerCountry, buyerTaxId, Map.of()).rate()).isEqualByComparingTo("0");
    }
}
