package io.cascade.brands.internal;

import io.cascade.shared.FieldProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ContrastTest {

    @ParameterizedTest(name = "{0} against {1}: {2}")
    @CsvSource({
            "#ffffff, #000000, 21.0",
            "#000000, #ffffff, 21.0",
            "#ffffff, #ffffff, 1.0",
            "#ffffff, #777777, 4.48",
            "#ffffff, #767676, 4.54",
            "#ffffff, #1f4e79, 8.66",
            "#ffffff, #ffff00, 1.07",
            "#ffffff, #0000ff, 8.59"})
    void theRatioIsWcag2s(String first, String second, double expected) {
        assertThat(Contrast.ratio(first, second)).isCloseTo(expected, within(0.01));
    }

    @Test
    void aRatioIsShownRoundedDownSoThatItNeverReadsAsEnough() {
        assertThat(Contrast.shown(4.4999)).isEqualTo("4.49");
        assertThat(Contrast.shown(21.0)).isEqualTo("21.00");
    }

    @Test
    void colourProblemsNameTheFieldAndTheRatio() {
        assertThat(Contrast.check("#1f4e79", "#0b6e4f")).isEmpty();
        List<FieldProblem> problems = Contrast.check("#777777", "#FFFF00");
        assertThat(problems).extracting(FieldProblem::field).containsExactly("primaryColour", "accentColour");
        assertThat(problems.get(0).message()).contains("white text on #777777", "4.47:1", "at least 4.5:1");
        assertThat(problems.get(1).message()).contains("#ffff00 on white", "1.07:1");
        assertThat(Contrast.check("blue", null)).as("the format is checked apart").isEmpty();
    }
}
