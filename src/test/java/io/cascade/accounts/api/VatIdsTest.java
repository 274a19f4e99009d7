package io.cascade.accounts.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class VatIdsTest {
    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            ATU12345678, AT
            BE0123456789, BE
            DE123456789, DE
            EL123456789, GR
            ESX1234567X, ES
            FR1A123456789, FR
            IE1234567T, IE
            IE1234567TA, IE
            NL123456789B01, NL
            SE123456789001, SE
            """)
    void validVatIdsNameTheirMemberState(String vatId, String state) {
        assertThat(VatIds.problem(vatId)).isNull();
        assertThat(VatIds.memberState(vatId)).isEqualTo(state);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            DE12345678     | is not a valid DE VAT id: DE followed by 9 digits, without spaces, e.g. DE123456789
            DE 123456789   | is not a valid DE VAT id: DE followed by 9 digits, without spaces, e.g. DE123456789
            AT12345678     | is not a valid AT VAT id: AT followed by U and 8 digits, without spaces, e.g. ATU12345678
            NL123456789    | is not a valid NL VAT id: NL followed by 9 digits, B and 2 digits, without spaces, e.g. NL123456789B01
            """)
    void malformedVatIdsSayTheForm(String vatId, String problem) {
        assertThat(VatIds.problem(vatId)).isEqualTo(problem);
        assertThat(VatIds.memberState(vatId)).isNull();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            12/345/67890
            US12-3456789
            CHE123456789
            GB123456789
            """)
    void otherTaxIdsAreFreeAndNoVatIds(String taxId) {
        assertThat(VatIds.problem(taxId)).isNull();
        assertThat(VatIds.memberState(taxId)).isNull();
    }
}
