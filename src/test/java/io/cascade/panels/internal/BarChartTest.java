package io.cascade.panels.internal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server-side layout of the panels' bar charts. */
class BarChartTest {

    @Test
    void barsAreProportionalToTheLargestValueAndStandOnTheBaseline() {
        BarChart chart = BarChart.of("t", "GB", List.of(point("a", "10"), point("b", "5"), point("c", "0"),
                point("d", "2.50")));
        assertThat(chart.bars()).extracting(BarChart.Bar::height).containsExactly(124, 62, 0, 31);
        assertThat(chart.bars()).allSatisfy(b -> assertThat(b.y() + b.height()).isEqualTo(chart.baseline()));
        assertThat(chart.bars()).extracting(BarChart.Bar::value).containsExactly("10", "5", "0", "2.5");
        assertThat(chart.bars()).allSatisfy(b -> assertThat(b.showValue()).isTrue());
        assertThat(chart.maxLabel()).isEqualTo("10");
        assertThat(chart.empty()).isFalse();
    }

    @Test
    void allZeroIsAnEmptyChartWithoutDividingByZero() {
        BarChart chart = BarChart.of("t", "GB", List.of(point("a", "0"), point("b", "0")));
        assertThat(chart.empty()).isTrue();
        assertThat(chart.bars()).extracting(BarChart.Bar::height).containsOnly(0);
    }

    @Test
    void manyBarsLabelOnlyEveryFewAndPrintNoValues() {
        List<BarChart.Point> days = new ArrayList<>();
        for (int d = 1; d <= 30; d++) {
            days.add(point(String.valueOf(d), String.valueOf(d)));
        }
        BarChart chart = BarChart.of("t", "MB", days);
        assertThat(chart.bars()).hasSize(30).noneMatch(BarChart.Bar::showValue);
        assertThat(chart.bars().stream().map(BarChart.Bar::axisLabel).filter(l -> !l.isEmpty()).toList())
                .containsExactly("1", "5", "9", "13", "17", "21", "25", "29");
        assertThat(chart.bars()).allSatisfy(b -> assertThat(b.x() + b.width()).isLessThanOrEqualTo(chart.width()));
    }

    private static BarChart.Point point(String label, String value) {
        return new BarChart.Point(label, new BigDecimal(value));
    }
}
