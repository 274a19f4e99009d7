package io.cascade.brands.internal;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a panel host name may be: a DNS name of at least two labels (letters, digits and hyphens, 1–63 characters
 * each, no hyphen first or last; 253 characters in all), without scheme, port or path, not an IP address, and not
 * one of the platform's own hosts nor a name below one. It is lower-cased and loses a trailing dot; an
 * internationalised name ({@code bücher.example}) becomes its ASCII form ({@code xn--bcher-kva.example}), which is
 * what browsers send in {@code Host}.
 */
final class HostNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

    private HostNames() {
    }

    /** The name in its stored form, or why it cannot be one. */
    interface Checked {
    }

    record Valid(String host) implements Checked {
    }

    record Invalid(String message) implements Checked {
    }

    static Checked check(String raw, List<String> reserved) {
        if (raw == null || raw.isBlank()) {
            return new Invalid("is required");
        }
        String name = raw.strip();
        if (name.contains("://") || name.contains("/") || name.contains("?") || name.contains("@")) {
            return new Invalid("must be a host name only, without scheme, path or user");
        }
        if (name.startsWith("[") || name.chars().filter(c -> c == ':').count() > 1) {
            return new Invalid("must be a DNS name, not an IP address");
        }
        if (name.contains(":")) {
            return new Invalid("must not have a port");
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(name, 0).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return new Invalid("is not a valid DNS name");
        }
        if (ascii.length() > 253) {
            return new Invalid("must be at most 253 characters (in its ASCII form)");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return new Invalid("must have at least two labels, e.g. panel.example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return new Invalid("is not a valid DNS name: each label has 1 to 63 letters, digits or hyphens, "
                        + "not starting or ending with a hyphen");
            }
        }
        if (NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            return new Invalid("must be a DNS name, not an IP address");
        }
        for (String own : reserved) {
            if (ascii.equals(own) || ascii.endsWith("." + own)) {
                return new Invalid("is the platform's own host or a name below it");
            }
        }
        return new Valid(ascii);
    }

    /** The stored form of a valid name, empty otherwise (for paths: an invalid name is simply not found). */
    static Optional<String> normalised(String raw) {
        return check(raw, List.of()) instanceof Valid valid ? Optional.of(valid.host()) : Optional.empty();
    }
}
