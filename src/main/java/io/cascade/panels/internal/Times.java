package io.cascade.panels.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How panel pages show instants: in UTC, to the minute (templates reach it as {@code times}). */
public final class Times {
    static final Times INSTANCE = new Times();
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public String of(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }
}
