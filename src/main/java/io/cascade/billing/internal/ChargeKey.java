package io.cascade.billing.internal;

/**
 * What a row of the billed-charges ledger charges: its {@link Kind} and, for the kinds per resource, the resource
 * type's code. Stored in {@code invoice_line.charge} as {@code SETUP}, {@code FEE}, {@code EXTRA:<resource>},
 * {@code USAGE:<resource>}, {@code ADDON:<add-on code>} or {@code ADDON_SETUP:<add-on code>} (a CHECK on the column
 * holds to these shapes). The stored text is kept as it was read or
 * made, so that a run neither parses nor builds it again per row; two keys are equal when their text is.
 */
public final class ChargeKey {
    /** The kinds of charge, each billed its own way (docs/billing.md). */
    public enum Kind {
        /** The setup fee, once, on the subscription's first day. */
        SETUP,
        /** The recurring fee, in advance per period. */
        FEE,
        /** Units ordered above the included quantity, in advance per period. */
        EXTRA,
        /** Units used above the included quantity, in arrears per period. */
        USAGE,
        /** An add-on's recurring fee per unit held, in advance per period (ADR 0036). */
        ADDON,
        /** An add-on's setup fee, once, on the day it is first ordered on the subscription. */
        ADDON_SETUP
    }

    public static final ChargeKey SETUP = new ChargeKey(Kind.SETUP, "SETUP");
    public static final ChargeKey FEE = new ChargeKey(Kind.FEE, "FEE");
    private static final String EXTRA_PREFIX = "EXTRA:";
    private static final String USAGE_PREFIX = "USAGE:";
    private static final String ADDON_PREFIX = "ADDON:";
    private static final String ADDON_SETUP_PREFIX = "ADDON_SETUP:";

    private final Kind kind;
    private final String column;

    private ChargeKey(Kind kind, String column) {
        this.kind = kind;
        this.column = column;
    }

    /** Extra units of a resource type, by its code. */
    public static ChargeKey extra(String resource) {
        return new ChargeKey(Kind.EXTRA, EXTRA_PREFIX + resource);
    }

    /** Usage of a resource type, by its code. */
    public static ChargeKey usage(String resource) {
        return new ChargeKey(Kind.USAGE, USAGE_PREFIX + resource);
    }

    /** An add-on's recurring fee, by the add-on's code. */
    public static ChargeKey addon(String code) {
        return new ChargeKey(Kind.ADDON, ADDON_PREFIX + code);
    }

    /** An add-on's setup fee, by the add-on's code. */
    public static ChargeKey addonSetup(String code) {
        return new ChargeKey(Kind.ADDON_SETUP, ADDON_SETUP_PREFIX + code);
    }

    /** The key of a stored {@code invoice_line.charge}. */
    public static ChargeKey of(String column) {
        if (column.equals("FEE")) {
            return FEE;
        }
        if (column.equals("SETUP")) {
            return SETUP;
        }
        if (column.startsWith(EXTRA_PREFIX) && column.length() > EXTRA_PREFIX.length()) {
            return new ChargeKey(Kind.EXTRA, column);
        }
        if (column.startsWith(USAGE_PREFIX) && column.length() > USAGE_PREFIX.length()) {
            return new ChargeKey(Kind.USAGE, column);
        }
        if (column.startsWith(ADDON_PREFIX) && column.length() > ADDON_PREFIX.length()) {
            return new ChargeKey(Kind.ADDON, column);
        }
        if (column.startsWith(ADDON_SETUP_PREFIX) && column.length() > ADDON_SETUP_PREFIX.length()) {
            return new ChargeKey(Kind.ADDON_SETUP, column);
        }
        throw new IllegalArgumentException("Not a billed charge: " + column);
    }

    public Kind kind() {
        return kind;
    }

    /** The resource type's code for {@code EXTRA} and {@code USAGE}; null for the other kinds. */
    public String resource() {
        return switch (kind) {
            case SETUP, FEE, ADDON, ADDON_SETUP -> null;
            case EXTRA -> column.substring(EXTRA_PREFIX.length());
            case USAGE -> column.substring(USAGE_PREFIX.length());
        };
    }

    /** The add-on's code for {@code ADDON} and {@code ADDON_SETUP}; null for the other kinds. */
    public String addonCode() {
        return switch (kind) {
            case ADDON -> column.substring(ADDON_PREFIX.length());
            case ADDON_SETUP -> column.substring(ADDON_SETUP_PREFIX.length());
            default -> null;
        };
    }

    /** The text stored in {@code invoice_line.charge}. */
    public String column() {
        return column;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChargeKey key && key.column.equals(column);
    }

    @Override
    public int hashCode() {
        return column.hashCode();
    }

    @Override
    public String toString() {
        return column;
    }
}
