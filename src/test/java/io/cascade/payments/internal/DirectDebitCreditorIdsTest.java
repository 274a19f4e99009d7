package io.cascade.payments.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** SEPA creditor identifiers: form and ISO 7064 MOD 97-10 check digits over the national id and country code. */
class DirectDebitCreditorIdsTest {

    @ParameterizedTest
    @CsvSource({
            "DE98ZZZ09999999999, true",     // the Bundesbank's example
            "de98 zzz0 9999 9999 99, true", // spaces and lower case: compacted first
            "DE98ABC09999999999, true",     // the business code is not part of the check
            "DE97ZZZ09999999999, false",    // wrong check digits
            "DE98ZZZ09999999998, false",    // a typing error in the national id
            "AT61ZZZ01234567890, true",
            "AT62ZZZ01234567890, false",
            "NL42ZZZ123456780001, true",
            "NL97ZZZ123456780001, false",
            "ES59ZZZX1234567L, true",       // letters in the national id count A = 10 … Z = 35
            "FR72ZZZ123456, true",
            "DE98ZZZ, false",               // no national id
            "D198ZZZ09999999999, false",    // no country code
            "DE98ZZZ0999999999999999999999999999, false" // longer than 35
    })
    void checksTheFormAndTheCheckDigits(String id, boolean valid) {
        assertThat(DirectDebitCreditorIds.valid(id)).as(id).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"'   '", "''"})
    void aBlankIdIsRequired(String id) {
        assertThat(DirectDebitCreditorIds.problem(DirectDebitCreditorIds.compact(id))).isEqualTo("is required");
    }
}
