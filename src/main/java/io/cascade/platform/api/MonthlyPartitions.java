package io.cascade.platform.api;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * Tables partitioned by calendar month (ADR 0046): {@code PARTITION BY RANGE (month)} on a {@code date} column that
 * holds the first day of the row's month, one partition per month named {@code <table>_<yyyymm>}. Keeping such a table
 * within a retention is dropping whole partitions, never deleting rows; the module that owns the table calls these
 * from its own code and jobs.
 */
public interface MonthlyPartitions {

    /**
     * Makes sure the table has a partition for each of these months (first days of months), creating the missing
     * ones in the caller's transaction (they exist once it commits). One look-up per month in memory when they all
     * exist, which is the case on the hot path.
     */
    void ensure(String table, Collection<LocalDate> months);

    /**
     * Keeps the table to the months from {@code oldest} on: creates the partitions from {@code oldest} to
     * {@code newest} (both first days of months) that are missing and drops the partitions of months before
     * {@code oldest}, with their rows. Answers the months dropped.
     */
    List<LocalDate> keep(String table, LocalDate oldest, LocalDate newest);

    /** The first day of the month of this day. */
    static LocalDate monthOf(LocalDate day) {
        return day.withDayOfMonth(1);
    }
}
