package io.cascade.usage.api;

import io.cascade.platform.api.MonthlyPartitions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * How long raw usage records are kept ({@code cascade.usage.retention-months}, default 13; 0 keeps them all; ADR
 * 0046). They are kept by month of their time (UTC): with 13, on any day of December 2026 the records from November
 * 2025 on are kept, and a month's records go once it ended more than 13 months ago. The daily totals that summaries,
 * limits and billing read are kept regardless. A record older than the months kept is refused when it arrives: it
 * could no longer be told from a duplicate.
 */
@Component
public class UsageRetention {
    /** No usage is older than this: billing history begins here too (a billing run's earliest day). */
    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private final int months;
    private final Clock clock;

    UsageRetention(@Value("${cascade.usage.retention-months:13}") int months, Clock clock) {
        if (months < 0 || months > 1200) {
            throw new IllegalArgumentException("cascade.usage.retention-months is " + months
                    + ": it must be a number of months from 1 to 1200, or 0 to keep every usage record");
        }
        this.months = months;
        this.clock = clock;
    }

    /** The months kept; 0 when all are. */
    public int months() {
        return months;
    }

    /** The first day of the oldest month whose records are kept now (2000-01-01 when all are kept). */
    public LocalDate oldestMonth() {
        LocalDate thisMonth = MonthlyPartitions.monthOf(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        if (months == 0) {
            return EARLIEST;
        }
        LocalDate oldest = thisMonth.minusMonths(months);
        return oldest.isBefore(EARLIEST) ? EARLIEST : oldest;
    }

    /** The first instant whose records are kept now: the oldest month's first second, UTC. */
    public Instant keptFrom() {
        return oldestMonth().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * Keeps a table of usage records, partitioned by month (its owner's housekeeping calls this): drops the months
     * no longer kept and creates the partitions of the months kept through next month, so that records of any time
     * accepted find theirs. With every record kept, only this month and the next are made sure of (older ones are
     * created as records arrive). Answers the months dropped.
     */
    public List<LocalDate> apply(MonthlyPartitions partitions, String table) {
        LocalDate thisMonth = MonthlyPartitions.monthOf(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        if (months == 0) {
            partitions.ensure(table, List.of(thisMonth, thisMonth.plusMonths(1)));
            return List.of();
        }
        return partitions.keep(table, oldestMonth(), thisMonth.plusMonths(1));
    }
}
