package io.cascade.accounts.internal;

import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.Feature;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The licence table (ADR 0038). An account holds a feature when every account on its path below the provider has an
 * unexpired row for it; every check is one read of the rows at the path's prefixes, over the unique index on
 * {@code (account_path, feature)}.
 */
@Repository
public class LicenceStore {
    /** A licence row. */
    public record Row(UUID accountId, String accountPath, Feature feature, Integer seats, LocalDate endsOn,
                      long version, Instant grantedAt, Instant updatedAt) {
        public boolean activeOn(LocalDate day) {
            return endsOn == null || !endsOn.isBefore(day);
        }
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getObject("account_id", UUID.class),
            rs.getString("account_path"), Feature.valueOf(rs.getString("feature")),
            (Integer) rs.getObject("seats"),
            rs.getDate("ends_on") == null ? null : rs.getDate("ends_on").toLocalDate(), rs.getLong("version"),
            rs.getTimestamp("granted_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    private static final String COLUMNS = "account_id, account_path, feature, seats, ends_on, version, granted_at, updated_at";

    private final JdbcClient jdbc;

    LicenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The paths whose licences an account at {@code path} needs: its own and each account's above it, the provider's
     * (the first segment) excepted. Empty for the provider.
     */
    public static List<String> chain(String path) {
        List<String> prefixes = new ArrayList<>();
        int first = path.indexOf('.');
        for (int i = path.indexOf('.', first + 1); i >= 0; i = path.indexOf('.', i + 1)) {
            prefixes.add(path.substring(0, i + 1));
        }
        return prefixes;
    }

    /** Whether the account at {@code path} holds the feature on {@code day}: one indexed read (none for the provider). */
    public boolean holds(String path, Feature feature, LocalDate day) {
        List<String> chain = chain(path);
        if (chain.isEmpty()) {
            return true;
        }
        long held = jdbc.sql("""
                        SELECT count(*) FROM licence
                        WHERE account_path = ANY (:paths) AND feature = :feature
                          AND (ends_on IS NULL OR ends_on >= :day)""")
                .param("paths", chain.toArray(String[]::new)).param("feature", feature.name())
                .param("day", Date.valueOf(day))
                .query(Long.class).single();
        return held == chain.size();
    }

    /** Whether the account with this id holds the feature on {@code day}: one statement; false for an unknown id. */
    public boolean holds(UUID accountId, Feature feature, LocalDate day) {
        return jdbc.sql("""
                        WITH a AS (SELECT path FROM account WHERE id = :id),
                             chain AS (SELECT left(a.path, i) AS path FROM a, generate_series(1, length(a.path)) i
                                       WHERE substr(a.path, i, 1) = '.' AND i > strpos(a.path, '.'))
                        SELECT (SELECT count(*) FROM chain) = (SELECT count(*) FROM licence
                                 WHERE account_path IN (SELECT path FROM chain) AND feature = :feature
                                   AND (ends_on IS NULL OR ends_on >= :day))
                        FROM a""")
                .param("id", accountId).param("feature", feature.name()).param("day", Date.valueOf(day))
                .query(Boolean.class).optional().orElse(false);
    }

    /** Every feature the account at {@code path} holds on {@code day}: one indexed read (none for the provider). */
    public Set<Feature> held(String path, LocalDate day) {
        List<String> chain = chain(path);
        if (chain.isEmpty()) {
            return EnumSet.allOf(Feature.class);
        }
        Set<Feature> held = EnumSet.noneOf(Feature.class);
        jdbc.sql("""
                        SELECT feature FROM licence
                        WHERE account_path = ANY (:paths) AND (ends_on IS NULL OR ends_on >= :day)
                        GROUP BY feature HAVING count(*) = :depth""")
                .param("paths", chain.toArray(String[]::new)).param("day", Date.valueOf(day))
                .param("depth", chain.size())
                .query(String.class).list().forEach(name -> held.add(Feature.valueOf(name)));
        return held;
    }

    /**
     * The longest prefix of {@code path} whose account holds the feature on {@code day}: the account itself, the
     * nearest account above it that does, or else the provider (the first segment), which holds every feature. Holding
     * needs every account above to hold, so exactly the accounts down to the answer hold it. One indexed read (none
     * for the provider).
     */
    public String nearestHolder(String path, Feature feature, LocalDate day) {
        List<String> chain = chain(path);
        String holder = path.substring(0, path.indexOf('.') + 1);
        if (chain.isEmpty()) {
            return holder;
        }
        Set<String> held = new java.util.HashSet<>(jdbc.sql("""
                        SELECT account_path FROM licence
                        WHERE account_path = ANY (:paths) AND feature = :feature
                          AND (ends_on IS NULL OR ends_on >= :day)""")
                .param("paths", chain.toArray(String[]::new)).param("feature", feature.name())
                .param("day", Date.valueOf(day))
                .query(String.class).list());
        for (String prefix : chain) { // top down
            if (!held.contains(prefix)) {
                break;
            }
            holder = prefix;
        }
        return holder;
    }

    /** The rows of the feature along the path (the account's own included), top down; locked when {@code lock}. */
    public List<Row> along(String path, Feature feature, boolean lock) {
        List<String> chain = chain(path);
        if (chain.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM licence WHERE account_path = ANY (:paths) AND feature = :feature"
                        + " ORDER BY account_path" + (lock ? " FOR UPDATE" : ""))
                .param("paths", chain.toArray(String[]::new)).param("feature", feature.name())
                .query(ROW).list();
    }

    public List<Row> of(UUID accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM licence WHERE account_id = :id ORDER BY feature")
                .param("id", accountId).query(ROW).list()
                .stream().sorted(java.util.Comparator.comparing(Row::feature)).toList();
    }

    public Optional<Row> find(UUID accountId, Feature feature, boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM licence WHERE account_id = :id AND feature = :feature"
                        + (lock ? " FOR UPDATE" : ""))
                .param("id", accountId).param("feature", feature.name()).query(ROW).optional();
    }

    public void insert(UUID accountId, String path, Feature feature, Integer seats, LocalDate endsOn, Instant now) {
        jdbc.sql("""
                        INSERT INTO licence (account_id, account_path, feature, seats, ends_on, granted_at, updated_at)
                        VALUES (:id, :path, :feature, :seats, :endsOn, :now, :now)""")
                .param("id", accountId).param("path", path).param("feature", feature.name())
                .param("seats", seats).param("endsOn", endsOn == null ? null : Date.valueOf(endsOn))
                .param("now", Timestamp.from(now)).update();
    }

    public boolean update(UUID accountId, Feature feature, long version, Integer seats, LocalDate endsOn,
                          Instant now) {
        return jdbc.sql("""
                        UPDATE licence SET seats = :seats, ends_on = :endsOn, version = version + 1, updated_at = :now
                        WHERE account_id = :id AND feature = :feature AND version = :version""")
                .param("id", accountId).param("feature", feature.name()).param("version", version)
                .param("seats", seats).param("endsOn", endsOn == null ? null : Date.valueOf(endsOn))
                .param("now", Timestamp.from(now)).update() == 1;
    }

    public void delete(UUID accountId, Feature feature) {
        jdbc.sql("DELETE FROM licence WHERE account_id = :id AND feature = :feature")
                .param("id", accountId).param("feature", feature.name()).update();
    }

    /**
     * A new account's licences: each of {@code features} (what its vendor holds) that applies to its type, without
     * seats or end of its own. Answers what it wrote.
     */
    public List<Feature> passOn(UUID accountId, String path, AccountType type, Set<Feature> features, Instant now) {
        String[] names = features.stream().filter(f -> f.appliesTo(type)).map(Enum::name).sorted()
                .toArray(String[]::new);
        if (names.length > 0) {
            jdbc.sql("""
                            INSERT INTO licence (account_id, account_path, feature, granted_at, updated_at)
                            SELECT :id, :path, f, :now, :now FROM unnest(:features) AS f""")
                    .param("id", accountId).param("path", path).param("features", names)
                    .param("now", Timestamp.from(now)).update();
        }
        return Arrays.stream(names).map(Feature::valueOf).toList();
    }

    /** The live reseller accounts strictly below the account at {@code path} (the seats of {@link Feature#RESELLER}). */
    public long resellersBelow(io.cascade.accounts.api.Subtree.Condition below) {
        return below.bind(jdbc.sql("SELECT count(*) FROM account WHERE type = 'RESELLER' AND status <> 'TERMINATED' AND "
                + below.sql())).query(Long.class).single();
    }
}
