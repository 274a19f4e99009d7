package io.cascade.panels.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A small bar chart laid out on the server, rendered as inline SVG by the fragment {@code panel/charts :: bars}: no
 * script draws it, so it shows without JavaScript and keeps the content security policy. Each bar carries its value
 * as text too (a title for pointers, a table for screen readers).
 */
public record BarChart(String title, String unit, int width, int height, List<Bar> bars, String maxLabel) {
    static final int WIDTH = 480;
    static final int HEIGHT = 160;
    private static final int TOP = 14;
    private static final int BOTTOM = 22;

    /**
     * @param axisLabel the label under the bar, or empty where bars are too many to label each (then every few)
     * @param showValue whether the value is printed above the bar (only when there is room)
     */
    public record Bar(String label, String value, int x, int y, int width, int height, int labelX, int valueY,
                      String axisLabel, boolean showValue) {
    }

    public record Point(String label, BigDecimal value) {
    }

    static BarChart of(String title, String unit, List<Point> points) {
        BigDecimal max = points.stream().map(Point::value).reduce(BigDecimal.ZERO, BigDecimal::max);
        int n = Math.max(points.size(), 1);
        int slot = WIDTH / n;
        int barWidth = Math.max(4, slot * 2 / 3);
        int plot = HEIGHT - TOP - BOTTOM;
        List<Bar> bars = new ArrayList<>();
        int every = (points.size() + 7) / 8;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            int h = max.signum() == 0 ? 0 : p.value().multiply(BigDecimal.valueOf(plot))
                    .divide(max, 0, RoundingMode.HALF_UP).intValue();
            int x = i * slot + (slot - barWidth) / 2;
            int y = TOP + plot - h;
            bars.add(new Bar(p.label(), plain(p.value()), x, y, barWidth, h, x + barWidth / 2, Math.max(y - 3, 10),
                    i % every == 0 ? p.label() : "", points.size() <= 12));
        }
        return new BarChart(title, unit, WIDTH, HEIGHT, bars, plain(max));
    }

    /** One chart per resource type (the first {@code max} of them) of a subtree's usage per month. */
    static List<BarChart> usagePerMonth(io.cascade.usage.api.UsageTrend trend, int max, ResourceNames names) {
        List<BarChart> charts = new ArrayList<>();
        for (io.cascade.usage.api.UsageTrend.Series series : trend.series().stream().limit(max).toList()) {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < trend.months().size(); i++) {
                points.add(new Point(label(trend.months().get(i)), series.quantities().get(i)));
            }
            charts.add(of("Usage of " + names.resource(series.resourceType()) + " per month",
                    names.unit(series.resourceType()), points));
        }
        return charts;
    }

    /** "Nov 26". */
    static String label(java.time.YearMonth month) {
        return month.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH) + " "
                + String.valueOf(month.getYear()).substring(2);
    }

    public boolean empty() {
        return bars.stream().allMatch(b -> b.height() == 0);
    }

    public int baseline() {
        return HEIGHT - BOTTOM;
    }

    public int labelY() {
        return HEIGHT - 6;
    }

    private static String plain(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
