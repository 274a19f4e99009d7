package io.cascade.usage.api;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageRetentionTest {
    /** 2026-12-01 00:30 in UTC, still 30 November in New York: the months are UTC's. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:30:00Z"), ZoneId.of("America/New_York"));

    @Test
    void thirteenMonthsKeepTheThirteenWholeMonthsBeforeThisOne() {
        UsageRetention retention = new UsageRetention(13, CLOCK);
        assertThat(retention.oldestMonth()).isEqualTo(LocalDate.of(2025, 11, 1));
        assertThat(retention.keptFrom()).isEqualTo(Instant.parse("2025-11-01T00:00:00Z"));
    }

    @Test
    void oneMonthKeepsLastMonthAndThisOne() {
        assertThat(new UsageRetention(1, CLOCK).oldestMonth()).isEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void zeroKeepsEverythingFrom2000() {
        UsageRetention retention = new UsageRetention(0, CLOCK);
        assertThat(retention.oldestMonth()).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(retention.keptFrom()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(new UsageRetention(1200, CLOCK).oldestMonth()).as("never before 2000")
                .isEqualTo(LocalDate.of(2000, 1, 1));
    }

    @Test
    void aNegativeOrHugeRetentionStopsTheStart() {
        assertThatThrownBy(() -> new UsageRetention(-1, CLOCK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cascade.usage.retention-months is -1");
        assertThatThrownBy(() -> new UsageRetention(1201, CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }
}
