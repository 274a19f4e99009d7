package io.cascade.accounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the subtree below {@code account} that a list may show the caller (ADR 0009): the whole subtree when
 * the caller covers the account ({@code roots} is then just its path), or, for a customer user listing its own vendor
 * account, only the subtrees of the customers it is assigned to. Lists over account-owned rows add
 * {@link #condition(String)} on the row's path column, and bind {@link #parameters()}.
 */
public record ScopedSubtree(ScopedAccount account, List<String> roots) {

    public ScopedSubtree {
        roots = List.copyOf(roots);
    }

    /** True when the caller sees everything below the account: no extra condition is needed. */
    public boolean whole() {
        return roots.size() == 1 && roots.get(0).equals(account.path());
    }

    /**
     * SQL that keeps rows whose {@code column} (a materialized path, {@code COLLATE "C"}) lies in one of the roots'
     * subtrees: one range per root, so each is an index range scan; {@code false} when there is no root.
     */
    public String condition(String column) {
        if (roots.isEmpty()) {
            return "false";
        }
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < roots.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append('(').append(column).append(" >= :scopeFrom").append(i)
                    .append(" AND ").append(column).append(" < :scopeTo").append(i).append(')');
        }
        return sql.append(')').toString();
    }

    /** The parameters of {@link #condition(String)}. */
    public Map<String, Object> parameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < roots.size(); i++) {
            params.put("scopeFrom" + i, roots.get(i));
            params.put("scopeTo" + i, roots.get(i) + "~");
        }
        return params;
    }
}
