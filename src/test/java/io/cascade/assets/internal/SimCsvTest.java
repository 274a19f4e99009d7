package io.cascade.assets.internal;

import io.cascade.assets.api.ImportReport.BadRow;
import io.cascade.assets.api.SimNumbers;
import io.cascade.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimCsvTest {

    @ParameterizedTest
    @CsvSource({
            "8949000000000000000, true",     // 19 digits, right check digit
            "89490000000000000007, true",    // 20 digits, right check digit
            "89490000000000000001, false",   // 20 digits, wrong check digit
            "8931440400012345678, false",
            "79927398713, true",             // the textbook Luhn example
            "79927398710, false"})
    void luhn(String number, boolean valid) {
        assertThat(SimNumbers.luhn(number)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "8949000000000000000|",
            "89490000000000000007|",
            "894900000000000000|must be 19 or 20 digits",
            "894900000000000000000|must be 19 or 20 digits",
            "8949000000000000009|fails the Luhn check digit",
            "89490000000000000x9|must be 19 or 20 digits"})
    void iccid(String iccid, String problem) {
        assertThat(SimNumbers.iccidProblem(iccid).orElse(null)).isEqualTo(problem);
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndTheGoodOnesKept() {
        String good1 = "8949000000000000000";
        String good2 = "89490000000000000" + "1" + SimNumbers.luhnDigit("894900000000000001");
        String csv = "\uFEFFICCID,IMSI,MSISDN\r\n"
                + good1 + ",262010000000001,+491700000001\r\n"
                + "\r\n"
                + "8949000000000000009,26201000000000,491700000002\r\n"           // line 4: Luhn, IMSI
                + good1 + ",262010000000003,\r\n"                                 // line 5: ICCID repeats line 2
                + good2 + ",262010000000004,12ab\r\n"                             // line 6: MSISDN
                + "\"" + SimNumbers.luhnDigit("1") + "\",2\r\n"                   // line 7: two fields
                + "89490000000000000" + "2" + SimNumbers.luhnDigit("894900000000000002")
                + ",262010000000005,\r\n";                                       // line 8: good, no MSISDN
        SimCsv.Parsed parsed = SimCsv.parse(csv);
        assertThat(parsed.rows()).isEqualTo(6);
        assertThat(parsed.good()).extracting(SimCsv.Row::line).containsExactly(2, 8);
        assertThat(parsed.good().get(0).msisdn()).as("stored without +").isEqualTo("491700000001");
        assertThat(parsed.good().get(1).msisdn()).isNull();
        assertThat(parsed.bad()).containsExactly(
                new BadRow(4, "iccid", "fails the Luhn check digit"),
                new BadRow(4, "imsi", "must be 15 digits"),
                new BadRow(5, "iccid", "repeats line 2"),
                new BadRow(6, "msisdn", "must be 6 to 15 digits, optionally with a leading +"),
                new BadRow(7, null, "has 2 fields; the header has 3"));
    }

    @Test
    void columnsMayComeInAnyOrderButAllThree() {
        SimCsv.Parsed parsed = SimCsv.parse("msisdn,iccid,imsi\n491700000001,8949000000000000000,262010000000001\n");
        assertThat(parsed.good().get(0).iccid()).isEqualTo("8949000000000000000");
        assertThatThrownBy(() -> SimCsv.parse("iccid,imsi\n8949000000000000000,262010000000001\n"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SimCsv.parse("iccid,imsi,msisdn\n\n")).isInstanceOf(InvalidInputException.class);
    }
}
