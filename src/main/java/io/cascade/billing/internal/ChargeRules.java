package io.cascade.billing.internal;

import java.time.LocalDate;

/** The billing rules the public services need to know of the calculator. */
public final class ChargeRules {
    private ChargeRules() {
    }

    /** The first day a run still looks at for a subscription billed before: changes go back a year at most. */
    public static LocalDate horizon(LocalDate asOf) {
        return ChargeCalculator.horizon(asOf);
    }
}
