package io.cascade.platform.internal;

import io.cascade.platform.api.MonthlyPartitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Partitions per month, created and dropped under one advisory lock per table (two nodes never race to create the
 * same one), in the caller's transaction when there is one. The months known to exist are remembered per table, and
 * only once the transaction that created them commits, so the hot path is a look-up in memory.
 */
@Component
class PartitionsByMonth implements MonthlyPartitions {
    private static final Logger log = LoggerFactory.getLogger(PartitionsByMonth.class);
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMM");

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Map<String, Set<LocalDate>> known = new ConcurrentHashMap<>();

    PartitionsByMonth(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void ensure(String table, Collection<LocalDate> months) {
        Set<LocalDate> have = known(table);
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate month : months) {
            if (!have.contains(month) && !missing.contains(month)) {
                missing.add(requireMonth(month));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            Set<LocalDate> existing = lockAndList(table);
            for (LocalDate month : missing) {
                if (!existing.contains(month)) {
                    create(table, month);
                }
            }
            afterCommit(() -> have.addAll(missing));
        });
    }

    @Override
    public List<LocalDate> keep(String table, LocalDate oldest, LocalDate newest) {
        requireMonth(oldest);
        requireMonth(newest);
        Set<LocalDate> have = known(table);
        return transaction.execute(status -> {
            Set<LocalDate> existing = lockAndList(table);
            List<LocalDate> dropped = new ArrayList<>();
            for (LocalDate month : existing) {
                if (month.isBefore(oldest)) {
                    jdbc.sql("DROP TABLE " + partition(table, month)).update();
                    dropped.add(month);
                }
            }
            List<LocalDate> kept = new ArrayList<>();
            for (LocalDate month = oldest; !month.isAfter(newest); month = month.plusMonths(1)) {
                if (!existing.contains(month)) {
                    create(table, month);
                }
                kept.add(month);
            }
            if (!dropped.isEmpty()) {
                log.info("Dropped the partitions of {} for {}: older than the months kept, from {}", table, dropped,
                        oldest);
            }
            afterCommit(() -> {
                dropped.forEach(have::remove);
                have.addAll(kept);
            });
            return dropped;
        });
    }

    private Set<LocalDate> known(String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        return known.computeIfAbsent(table, t -> ConcurrentHashMap.newKeySet());
    }

    private static LocalDate requireMonth(LocalDate month) {
        if (month.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("not the first day of a month: " + month);
        }
        return month;
    }

    /** Takes the table's partition lock for the rest of the transaction and answers the months it has. */
    private Set<LocalDate> lockAndList(String table) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "monthly-partitions:" + table).query(Object.class).single();
        Set<LocalDate> months = new TreeSet<>();
        String prefix = table + "_";
        for (String name : jdbc.sql("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = CAST(:table AS regclass)""")
                .param("table", table).query(String.class).list()) {
            String suffix = name.substring(prefix.length());
            months.add(LocalDate.of(Integer.parseInt(suffix.substring(0, 4)), Integer.parseInt(suffix.substring(4)),
                    1));
        }
        return months;
    }

    private void create(String table, LocalDate month) {
        jdbc.sql("CREATE TABLE %s PARTITION OF %s FOR VALUES FROM ('%s') TO ('%s')"
                .formatted(partition(table, month), table, month, month.plusMonths(1))).update();
    }

    private static String partition(String table, LocalDate month) {
        return table + "_" + SUFFIX.format(month);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
