package io.cascade.shared;

import java.util.Set;
import java.util.UUID;

/**
 * The authenticated identity behind one request. {@code accountPath} is the materialized path of the caller's own
 * account; every account whose path starts with it is in the caller's subtree (see ADR 0003). Scope travels as this
 * explicit value — it is never looked up from a static.
 *
 * @param userId      the user who is acting, or {@code null} for the system itself
 * @param accountId   the account the user belongs to
 * @param accountPath materialized path of that account
 * @param privileges  union of the privileges of the user's roles
 * @param requestId   correlation id of the request, recorded in the audit log
 * @param tokenId     the API token used, if any
 */
public record Caller(UUID userId, String email, UUID accountId, String accountPath, Set<Privilege> privileges,
                     String requestId, UUID tokenId) {

    public Caller {
        privileges = Set.copyOf(privileges);
    }

    /** The platform itself (first start, scheduled jobs): sees everything, acts as nobody. */
    public static Caller system(UUID providerAccountId, String providerPath, String requestId) {
        return new Caller(null, null, providerAccountId, providerPath, Set.of(Privilege.values()), requestId, null);
    }

    /** True when the account with this materialized path is the caller's own account or below it. */
    public boolean covers(String path) {
        return path != null && path.startsWith(accountPath);
    }

    /** Throws {@link NotFoundException} unless {@link #covers(String) covers} the path: outside looks like missing. */
    public void requireCovers(String path) {
        if (!covers(path)) {
            throw new NotFoundException();
        }
    }

    public boolean has(Privilege privilege) {
        return privileges.contains(privilege);
    }

    /** Throws {@link ForbiddenException} (403) when the privilege is missing. Call only after the scope check. */
    public void require(Privilege privilege) {
        if (!has(privilege)) {
            throw new ForbiddenException(privilege);
        }
    }
}
