package io.cascade.accounts.api;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of the account tree a caller may read, as a value only the accounts module makes, after the scope check
 * ({@link AccountScope#subtree}, {@link AccountScope#within}, {@link AccountScope#reach}; ADR 0003, 0009, 0016).
 * Every query over account-owned rows takes one and lets it write the condition on the row's materialized path
 * column: this class is the one place where the subtree rule becomes SQL.
 *
 * <p>A subtree is anchored at one account. It is <em>whole</em> when the caller covers the anchor: its roots are then
 * just the anchor's path. For a customer user listing its own vendor account, the roots are the paths of its assigned
 * customers (ADR 0009). Every condition is one range per root ({@code column >= :from AND column < :to}, with
 * {@code to} the root followed by {@code '~'}, which sorts after every path character under {@code COLLATE "C"}), so
 * each is an index range scan on the path column.
 */
public final class Subtree {
    private final ScopedAccount account;
    private final List<String> roots;

    Subtree(ScopedAccount account, List<String> roots) {
        this.account = Objects.requireNonNull(account);
        this.roots = List.copyOf(roots);
    }

    /** The anchor's whole subtree: for an account the caller covers. */
    static Subtree whole(ScopedAccount account) {
        return new Subtree(account, List.of(account.path()));
    }

    /** The account the subtree hangs from (the one the caller named, or its own). */
    public ScopedAccount account() {
        return account;
    }

    /** True when the caller sees everything below the anchor, the anchor included. */
    public boolean whole() {
        return roots.size() == 1 && roots.get(0).equals(account.path());
    }

    /** True when the subtree has no root (a service user's reach): nothing lies in it. */
    public boolean empty() {
        return roots.isEmpty();
    }

    /** Whether a row with this materialized path lies in the subtree (the same rule as {@link #within}). */
    public boolean contains(String path) {
        return path != null && roots.stream().anyMatch(path::startsWith);
    }

    /**
     * Rows whose {@code column} (a materialized path, {@code COLLATE "C"}) lies in the subtree, the roots included:
     * {@code ((column >= :subtreeFrom0 AND column < :subtreeTo0) OR ...)}; {@code false} when there is no root.
     */
    public Condition within(String column) {
        if (roots.isEmpty()) {
            return new Condition("false", Map.of());
        }
        StringBuilder sql = new StringBuilder("(");
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < roots.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append('(').append(column).append(" >= :subtreeFrom").append(i)
                    .append(" AND ").append(column).append(" < :subtreeTo").append(i).append(')');
            params.put("subtreeFrom" + i, roots.get(i));
            params.put("subtreeTo" + i, upperBound(roots.get(i)));
        }
        return new Condition(sql.append(')').toString(), params);
    }

    /**
     * Rows strictly below the anchor ({@code column > :subtreeAbove AND column < :subtreeBelow}), and within the roots
     * when the subtree is not whole.
     */
    public Condition below(String column) {
        return below(column, null);
    }

    /**
     * {@link #below(String)} starting after {@code afterPath}, a list's cursor: it is used as the lower bound only
     * when it sorts after the anchor, so that a forged cursor can only skip forward inside the subtree.
     */
    public Condition below(String column, String afterPath) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("subtreeAbove", afterPath != null && afterPath.compareTo(account.path()) > 0
                ? afterPath : account.path());
        params.put("subtreeBelow", upperBound(account.path()));
        String sql = column + " > :subtreeAbove AND " + column + " < :subtreeBelow";
        if (!whole()) {
            Condition narrowed = within(column);
            sql += " AND " + narrowed.sql();
            params.putAll(narrowed.parameters());
        }
        return new Condition(sql, params);
    }

    private static String upperBound(String path) {
        return path + "~";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subtree other && account.equals(other.account) && roots.equals(other.roots);
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, roots);
    }

    @Override
    public String toString() {
        return "Subtree[" + account.id() + " " + roots + "]";
    }

    /**
     * A rendered condition and the named parameters it needs. Add {@link #sql()} to the statement's WHERE clause and
     * hand the statement to {@link #bind}.
     */
    public record Condition(String sql, Map<String, Object> parameters) {
        public Condition {
            parameters = Map.copyOf(parameters);
        }

        /** Binds the condition's parameters to the statement. */
        public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            return statement.params(parameters);
        }
    }
}
