package io.cascade.dunning.internal;

import io.cascade.dunning.api.DunningPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The small rules of dunning, row by row: a warning's late fee, and the accounts above a buyer an order checks. */
class DunningRulesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            // fixed, percent, overdue, fee (at 2 decimals, as billing rounds it)
            "5.00, -,   65.00,  5.00",
            "-,    2,   65.00,  1.30",
            "5.00, 2,   65.00,  6.30",
            "-,    2.5, 33.33,  0.83",
            "0,    0,   100.00, 0.00"})
    void aLateFeeIsTheFixedAmountPlusThePercentageOfWhatIsOverdue(BigDecimal fixed, BigDecimal percent,
                                                                 BigDecimal overdue, BigDecimal fee) {
        BigDecimal computed = DunningEvaluation.fee(new DunningPolicy.LateFee(fixed, percent), overdue)
                .setScale(2, RoundingMode.HALF_UP);
        assertThat(computed).isEqualByComparingTo(fee);
    }

    @ParameterizedTest
    @CsvSource({
            "a.,       ''",
            "a.b.,     a.",
            "a.b.c.,   a.|a.b.",
            "0.1z.3.,  0.|0.1z."})
    void anOrderLooksAtEveryAccountAboveTheBuyer(String path, String above) {
        List<String> expected = above.isEmpty() ? List.of() : Arrays.asList(above.split("\\|"));
        assertThat(DunningOrderGuard.ancestors(path)).isEqualTo(expected);
    }
}
