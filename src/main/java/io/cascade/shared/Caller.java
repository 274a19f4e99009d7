package io.cascade.shared;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated identity behind one request. Scope travels as this explicit value — it is never looked up from a
 * static (ADR 0003). What the caller may reach is the union of the subtrees whose roots are {@link #scopeRoots()}
 * (materialized paths, ADR 0002); {@link #covers(String)} is a prefix check against each of them (ADR 0009):
 * <ul>
 *     <li>a {@link UserKind#STAFF staff member}: one root, its account's path — its account and everything below;</li>
 *     <li>a {@link UserKind#CUSTOMER_USER customer user}: the paths of the customers it is assigned to, and not its
 *     own (vendor) account;</li>
 *     <li>a {@link UserKind#SERVICE_USER service user}: no root at all; it covers no account, and reaches only itself
 *     through endpoints keyed by {@link #userId()}.</li>
 * </ul>
 *
 * @param userId        the user who is acting, or {@code null} for the system itself
 * @param email         the user's e-mail (its login name)
 * @param accountId     the account the user belongs to (or acts for, see {@link #actingAs})
 * @param accountPath   materialized path of that account; NOT a scope by itself — use {@link #covers}
 * @param kind          the kind of login, which decides the shape of {@link #scopeRoots}
 * @param scopeRoots    roots of the subtrees the caller reaches, sorted, never {@code null}
 * @param privileges    union of the privileges of the user's roles
 * @param requestId     correlation id of the request, recorded in the audit log
 * @param tokenId       the API token used, if any
 * @param homeAccountId the account the user really belongs to; differs from {@code accountId} while a vendor's
 *                      staff member acts on behalf of an account below ({@link #actingAs})
 * @param onBehalfOfUserId while a vendor's staff member ({@code userId}) acts as one of the customer users or service
 *                      users below it ({@link #actingAsUser}), that user; else {@code null}
 */
public record Caller(UUID userId, String email, UUID accountId, String accountPath, UserKind kind,
                     List<String> scopeRoots, Set<Privilege> privileges, String requestId, UUID tokenId,
                     UUID homeAccountId, UUID onBehalfOfUserId) {

    /** A caller acting as itself (not as another user). */
    public Caller(UUID userId, String email, UUID accountId, String accountPath, UserKind kind,
                  List<String> scopeRoots, Set<Privilege> privileges, String requestId, UUID tokenId,
                  UUID homeAccountId) {
        this(userId, email, accountId, accountPath, kind, scopeRoots, privileges, requestId, tokenId, homeAccountId,
                null);
    }

    public Caller {
        privileges = Set.copyOf(privileges);
        homeAccountId = homeAccountId == null ? accountId : homeAccountId;
        kind = kind == null ? UserKind.STAFF : kind;
        if (kind == UserKind.STAFF) {
            scopeRoots = List.of(accountPath);
        } else if (kind == UserKind.SERVICE_USER) {
            scopeRoots = List.of();
        } else {
            scopeRoots = scopeRoots == null ? List.of() : scopeRoots.stream().sorted().toList();
        }
    }

    /** A staff member acting for its own account (the common case). */
    public Caller(UUID userId, String email, UUID accountId, String accountPath, Set<Privilege> privileges,
                  String requestId, UUID tokenId, UUID homeAccountId) {
        this(userId, email, accountId, accountPath, UserKind.STAFF, null, privileges, requestId, tokenId,
                homeAccountId);
    }

    /** A staff member acting for its own account (the common case). */
    public Caller(UUID userId, String email, UUID accountId, String accountPath, Set<Privilege> privileges,
                  String requestId, UUID tokenId) {
        this(userId, email, accountId, accountPath, privileges, requestId, tokenId, accountId);
    }

    /**
     * The same user acting on behalf of an account it covers: it then sees exactly that account's subtree, with its
     * own privileges and kind, and the audit log records both its home account and the account acted for.
     */
    public Caller actingAs(UUID targetAccountId, String targetPath) {
        requireCovers(targetPath);
        return new Caller(userId, email, targetAccountId, targetPath, kind, List.of(targetPath), privileges,
                requestId, tokenId, homeAccountId);
    }

    /**
     * This staff member acting as one of the users below it — {@code target}, a customer user or service user of an
     * account the staff member covers, as its own login would be: its account, kind, scope and privileges, but never
     * more privileges than the staff member holds. {@link #userId()} stays the staff member (it is who acts, and the
     * audit log records it) and {@link #onBehalfOfUserId()} names the user; {@link #subjectUserId()} is the user whose
     * own things (its mailbox) are shown.
     */
    public Caller actingAsUser(Caller target) {
        if (kind != UserKind.STAFF || target.kind() == UserKind.STAFF) {
            throw new IllegalArgumentException("a staff member acts as a customer user or service user");
        }
        requireCovers(target.accountPath());
        Set<Privilege> both = new java.util.HashSet<>(target.privileges());
        both.retainAll(privileges);
        return new Caller(userId, target.email(), target.accountId(), target.accountPath(), target.kind(),
                target.scopeRoots(), both, requestId, tokenId, homeAccountId, target.userId());
    }

    public boolean actingOnBehalf() {
        return !accountId.equals(homeAccountId) || onBehalfOfUserId != null;
    }

    /** The user whose view this is: the user acted as ({@link #actingAsUser}), or the caller itself. */
    public UUID subjectUserId() {
        return onBehalfOfUserId != null ? onBehalfOfUserId : userId;
    }

    /** The platform itself (first start, scheduled jobs): sees everything, acts as nobody. */
    public static Caller system(UUID providerAccountId, String providerPath, String requestId) {
        return new Caller(null, null, providerAccountId, providerPath, Set.of(Privilege.values()), requestId, null);
    }

    public boolean isStaff() {
        return kind == UserKind.STAFF;
    }

    /**
     * True when the caller is a staff member of exactly this account, working for it directly — not a vendor's
     * staff acting on behalf, not a customer user or service user. Rules that only "the account's own users" may
     * exercise (assigning its SIMs to its customers) ask this after the scope check.
     */
    public boolean isOwnStaffOf(UUID account) {
        return kind == UserKind.STAFF && !actingOnBehalf() && accountId.equals(account);
    }

    /** True when the account with this materialized path lies in one of the caller's subtrees. */
    public boolean covers(String path) {
        if (path == null) {
            return false;
        }
        for (String root : scopeRoots) {
            if (path.startsWith(root)) {
                return true;
            }
        }
        return false;
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
