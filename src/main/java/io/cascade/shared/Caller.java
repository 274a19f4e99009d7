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
 * @param homeAccountId the account the user really belongs to; differs from {@code accountId} while a vendor's
 *                      staff member acts on behalf of an account below ({@link #actingAs})
 */
public record Caller(UUID userId, String email, UUID accountId, String accountPath, Set<Privilege> privileges,
                     String requestId, UUID tokenId, UUID homeAccountId) {

    public Caller {
        privileges = Set.copyOf(privileges);
        homeAccountId = homeAccountId == null ? accountId : homeAccountId;
    }

    public Caller(UUID userId, String email, UUID accountId, String accountPath, Set<Privilege> privileges,
                  String requestId, UUID tokenId) {
        this(userId, email, accountId, accountPath, privileges, requestId, tokenId, accountId);
    }

    /**
     * The same user acting on behalf of an account in its subtree: it then sees exactly that account's subtree, with
     * its own privileges, and the audit log records both its home account and the account acted for.
     */
    public Caller actingAs(UUID targetAccountId, String targetPath) {
        requireCovers(targetPath);
        return new Caller(userId, email, targetAccountId, targetPath, privileges, requestId, tokenId, homeAccountId);
    }

    public boolean actingOnBehalf() {
        return !accountId.equals(homeAccountId);
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
