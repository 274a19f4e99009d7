package io.cascade.brands.internal;

import io.cascade.shared.FieldProblem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * WCAG 2 contrast between two sRGB colours: {@code (L1 + 0.05) / (L2 + 0.05)} of their relative luminances, from
 * 1:1 to 21:1. A brand's colours carry text: white text on the primary colour (header, buttons) and the accent colour
 * on white (links) each need {@link #MINIMUM} (WCAG 2 AA for normal text).
 */
final class Contrast {
    static final double MINIMUM = 4.5;
    private static final String WHITE = "#ffffff";

    private Contrast() {
    }

    /** The contrast ratio of two {@code #rrggbb} colours. */
    static double ratio(String first, String second) {
        double a = luminance(first);
        double b = luminance(second);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    /** The relative luminance of a {@code #rrggbb} colour. */
    static double luminance(String colour) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        return 0.2126 * channel(rgb >> 16 & 0xff) + 0.7152 * channel(rgb >> 8 & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** A ratio as shown to people: rounded down to two decimals, so that 4.499 never reads as 4.50. */
    static String shown(double ratio) {
        return BigDecimal.valueOf(ratio).setScale(2, RoundingMode.FLOOR).toPlainString();
    }

    /** The field problems of a brand's colours (only for colours that are well-formed; the format is checked apart). */
    static List<FieldProblem> check(String primary, String accent) {
        List<FieldProblem> problems = new ArrayList<>();
        if (wellFormed(primary)) {
            double ratio = ratio(primary.toLowerCase(Locale.ROOT), WHITE);
            if (ratio < MINIMUM) {
                problems.add(new FieldProblem("primaryColour", "white text on " + primary.toLowerCase(Locale.ROOT)
                        + " has a contrast ratio of " + shown(ratio) + ":1; at least 4.5:1 is needed (choose a darker"
                        + " colour)"));
            }
        }
        if (wellFormed(accent)) {
            double ratio = ratio(accent.toLowerCase(Locale.ROOT), WHITE);
            if (ratio < MINIMUM) {
                problems.add(new FieldProblem("accentColour", accent.toLowerCase(Locale.ROOT)
                        + " on white has a contrast ratio of " + shown(ratio) + ":1; at least 4.5:1 is needed (choose a"
                        + " darker colour)"));
            }
        }
        return problems;
    }

    static boolean wellFormed(String colour) {
        return colour != null && colour.matches("#[0-9a-fA-F]{6}");
    }
}
