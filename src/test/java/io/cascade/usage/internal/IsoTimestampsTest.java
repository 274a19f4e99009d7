package io.cascade.usage.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The shortcut must agree with {@code OffsetDateTime.parse} on every string it answers. */
class IsoTimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T10:15:30Z", "2026-11-21T10:15:30.1Z", "2026-11-21T10:15:30.123456789Z",
            "2026-11-21T23:59:59+01:00", "2026-11-21T00:00:00-05:30", "2024-02-29T12:00:00Z",
            "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999-18:00", "2026-01-01T00:00:00+18:00"})
    void agreesWithTheJdkOnValidTimestamps(String text) {
        assertThat(IsoTimestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:15:30Z", "2025-02-29T10:15:30Z", "2026-11-21T24:00:00Z",
            "2026-11-21T10:60:00Z", "2026-11-21T10:15:60Z", "2026-13-01T10:15:30Z", "2026-11-21T10:15:30",
            "2026-11-21T10:15:30.Z", "2026-11-21T10:15:30.1234567890Z", "2026-11-21T10:15:30+19:00",
            "2026-11-21T10:15:30+0100", "2026-11-21 10:15:30Z", "2026-11-21T10:15:30ZZ", "2026-11-21T10:15Z",
            "2026-11-21T10:15:30z", "+2026-11-21T10:15:30Z", "2026-11-2aT10:15:30Z", ""})
    void leavesEverythingElseToTheJdk(String text) {
        assertThat(IsoTimestamps.parse(text)).isNull();
    }

    @Test
    void agreesWithTheJdkOnRandomStrings() {
        Random random = new Random(20261122);
        String alphabet = "0123456789-:T.Z+";
        for (int i = 0; i < 50_000; i++) {
            char[] chars = "2026-11-21T10:15:30.123+01:00".toCharArray();
            int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String text = new String(chars, 0, 19 + random.nextInt(chars.length - 18));
            Instant fast = IsoTimestamps.parse(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
            } else {
                try {
                    Instant slow = OffsetDateTime.parse(text).toInstant();
                    // the JDK accepts a few shapes the shortcut leaves to it; that is allowed, not a disagreement
                    assertThat(slow).isNotNull();
                } catch (DateTimeParseException expected) {
                    // both refuse
                }
            }
        }
    }
}
