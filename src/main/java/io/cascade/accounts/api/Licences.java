package io.cascade.accounts.api;

import io.cascade.accounts.internal.LicenceStore;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Feature licences (issue 19, ADR 0038): whether an account may use a {@link Feature}, and the licences a vendor passes
 * on to the accounts below it.
 *
 * <p>An account holds a feature when it and every account above it up to the provider hold a licence for it that has
 * not ended (the last day is {@code endsOn}, UTC, checked at use time); the provider holds every feature. So a vendor
 * passes on only what it holds, and revoking a licence takes the feature from the whole subtree below at once. The
 * checks ({@link #holds}, {@link #require}, {@link #held}) are one indexed read of the account's path prefixes and sit
 * on hot paths; {@link #requireSeat} also counts, under a lock of the capped licences, what the subtree uses.
 */
@Service
public class Licences {
    private final LicenceStore store;
    private final AccountScope scope;
    private final ObjectProvider<LicenceSeats> counters;
    private final AuditTrail audit;
    private final Validation validation;
    private final Clock clock;

    Licences(LicenceStore store, AccountScope scope, ObjectProvider<LicenceSeats> counters, AuditTrail audit,
             Validation validation, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.counters = counters;
        this.audit = audit;
        this.validation = validation;
        this.clock = clock;
    }

    // ---- the checks every module calls

    /** Whether the account holds the feature today (false for an unknown id). */
    public boolean holds(UUID accountId, Feature feature) {
        return store.holds(accountId, feature, today());
    }

    /** Whether the account at this materialized path holds the feature today. */
    public boolean holds(ScopedAccount account, Feature feature) {
        return store.holds(account.path(), feature, today());
    }

    /** Whether the account at this materialized path (e.g. {@link Caller#accountPath()}) holds the feature today. */
    public boolean holdsAt(String accountPath, Feature feature) {
        return store.holds(accountPath, feature, today());
    }

    /**
     * The path of the nearest account on the way up from the account at this path — itself first — that holds the
     * feature today; the provider's path when no account below it does (the provider holds every feature). Every
     * account from the provider down to the answer holds the feature, and none below it: a revocation or an ended
     * licence cuts the path at one place. One indexed read, no cache: a grant or revocation shows on the next call.
     */
    public String nearestHolder(String accountPath, Feature feature) {
        return store.nearestHolder(accountPath, feature, today());
    }

    /**
     * The rule of {@link #holds} for terms read through the view {@code account_licence_terms} in another module's
     * statement (ADR 0041): every account along the path has a licence ({@code complete}) and the earliest of their
     * last days ({@code earliestEnd}, null when none ends) is not before {@code day}.
     */
    public static boolean heldOn(boolean complete, LocalDate earliestEnd, LocalDate day) {
        return complete && (earliestEnd == null || !earliestEnd.isBefore(day));
    }

    /** Every feature the account at this path holds today (the panels' navigation). */
    public Set<Feature> held(String accountPath) {
        return store.held(accountPath, today());
    }

    /** 403 {@code feature-not-licensed}, naming the feature, unless the account holds it today. */
    public void require(UUID accountId, Feature feature) {
        if (!holds(accountId, feature)) {
            throw notLicensed(feature);
        }
    }

    /** {@link #require(UUID, Feature)} for the account at this materialized path. */
    public void requireAt(String accountPath, Feature feature) {
        if (!holdsAt(accountPath, feature)) {
            throw notLicensed(feature);
        }
    }

    /** {@link #require(UUID, Feature)} for an account already read (no second read of the account). */
    public void require(ScopedAccount account, Feature feature) {
        if (!holds(account, feature)) {
            throw notLicensed(feature);
        }
    }

    /**
     * In the caller's transaction, before something that takes a seat is written: the account must hold the feature,
     * and every licence along its path that caps seats must have one free — counted over that licence's subtree by the
     * owning module's {@link LicenceSeats}. The capped licences stay locked until the transaction ends, so that two
     * concurrent requests cannot both take the last seat.
     */
    public void requireSeat(ScopedAccount account, Feature feature) {
        LocalDate today = today();
        List<LicenceStore.Row> along = store.along(account.path(), feature, true);
        if (along.size() != LicenceStore.chain(account.path()).size()
                || along.stream().anyMatch(row -> !row.activeOn(today))) {
            throw notLicensed(feature);
        }
        for (LicenceStore.Row row : along) {
            if (row.seats() == null) {
                continue;
            }
            ScopedAccount holder = scope.find(row.accountId()).orElseThrow();
            if (used(feature, Subtree.whole(holder)) >= row.seats()) {
                throw new RuleViolationException(Problem.LICENCE_SEATS_EXHAUSTED,
                        "Every seat of the " + feature + " licence is taken (" + row.seats() + "); free one or ask "
                                + "your vendor for more.", Map.of("feature", feature.name()));
            }
        }
    }

    /** {@link #requireSeat(ScopedAccount, Feature)} by the account's id. */
    public void requireSeat(UUID accountId, Feature feature) {
        requireSeat(scope.find(accountId).orElseThrow(NotFoundException::new), feature);
    }

    // ---- what a vendor passes on

    /** The account's licences: the provider's are every feature, inherited; anybody else's are its own rows. */
    public List<LicenceView> list(Caller caller, UUID accountId) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.ACCOUNTS_READ);
        if (account.type() == AccountType.PROVIDER) {
            return Arrays.stream(Feature.values())
                    .map(feature -> new LicenceView(account.id(), feature, null, null, null, true, true, null, null, 0))
                    .toList();
        }
        Set<Feature> held = store.held(account.path(), today());
        return store.of(account.id()).stream().map(row -> view(account, row, held.contains(row.feature()))).toList();
    }

    /** One licence of the account; 404 when it holds none for the feature. */
    public LicenceView get(Caller caller, UUID accountId, Feature feature) {
        return list(caller, accountId).stream().filter(licence -> licence.feature() == feature).findFirst()
                .orElseThrow(NotFoundException::new);
    }

    /** What {@link #grant} did: the licence, and whether it was new. */
    public record Granted(LicenceView licence, boolean created) {
    }

    /**
     * Grants the feature to an account below the caller's own, or changes its terms: never more than the account's
     * vendor holds — the vendor must hold the feature, the seats may not exceed a cap along the vendor's path, the end
     * may not be later than one along it. {@code ifMatch} guards a change against a lost update.
     */
    @Transactional
    public Granted grant(Caller caller, UUID accountId, Feature feature, LicenceTerms terms, String ifMatch) {
        ScopedAccount account = decidedByVendor(caller, accountId);
        LicenceTerms given = terms == null ? new LicenceTerms(null, null) : terms;
        List<FieldProblem> problems = new ArrayList<>();
        if (!feature.appliesTo(account.type())) {
            problems.add(new FieldProblem("feature", "does not apply to a " + account.type().name().toLowerCase()
                    + " account"));
        }
        if (given.seats() != null && !feature.seated()) {
            problems.add(new FieldProblem("seats", "only RESELLER, API_ACCESS and WHITE_LABEL have seats"));
        }
        LocalDate today = today();
        if (given.endsOn() != null && given.endsOn().isBefore(today)) {
            problems.add(new FieldProblem("endsOn", "must be today or later"));
        }
        validation.check(given, problems);
        ScopedAccount vendor = scope.find(account.vendorId()).orElseThrow();
        List<LicenceStore.Row> vendorChain = store.along(vendor.path(), feature, true);
        if (vendorChain.size() != LicenceStore.chain(vendor.path()).size()
                || vendorChain.stream().anyMatch(row -> !row.activeOn(today))) {
            throw beyondVendor("The vendor does not hold " + feature + "; it can pass on only what it holds.", feature);
        }
        Optional<Integer> seatCap = vendorChain.stream().map(LicenceStore.Row::seats).filter(Objects::nonNull)
                .min(Integer::compare);
        if (given.seats() != null && seatCap.isPresent() && given.seats() > seatCap.get()) {
            throw beyondVendor("The vendor holds " + seatCap.get() + " seats of " + feature + "; it cannot pass on "
                    + given.seats() + ".", feature);
        }
        Optional<LocalDate> lastDay = vendorChain.stream().map(LicenceStore.Row::endsOn).filter(Objects::nonNull)
                .min(LocalDate::compareTo);
        if (given.endsOn() != null && lastDay.isPresent() && given.endsOn().isAfter(lastDay.get())) {
            throw beyondVendor("The vendor's " + feature + " licence ends on " + lastDay.get() + "; it cannot pass on a "
                    + "later end.", feature);
        }
        Instant now = clock.instant();
        Optional<LicenceStore.Row> before = store.find(account.id(), feature, true);
        if (before.isPresent()) {
            Etags.checkIfMatch(ifMatch, before.get().version());
            if (!store.update(account.id(), feature, before.get().version(), given.seats(), given.endsOn(), now)) {
                throw new PreconditionFailedException();
            }
        } else {
            store.insert(account.id(), account.path(), feature, given.seats(), given.endsOn(), now);
        }
        Set<Feature> held = store.held(account.path(), today);
        LicenceView after = view(account, store.find(account.id(), feature, false).orElseThrow(),
                held.contains(feature));
        audit.record(new AuditRecord(caller, account.id(), account.path(),
                before.isPresent() ? "licence.changed" : "licence.granted",
                before.map(row -> view(account, row, held.contains(feature))).orElse(null), after));
        return new Granted(after, before.isEmpty());
    }

    /** Takes the feature from the account, and so from its whole subtree (their own licences stay, unusable). */
    @Transactional
    public void revoke(Caller caller, UUID accountId, Feature feature, String ifMatch) {
        ScopedAccount account = decidedByVendor(caller, accountId);
        LicenceStore.Row before = store.find(account.id(), feature, true).orElseThrow(NotFoundException::new);
        Etags.checkIfMatch(ifMatch, before.version());
        store.delete(account.id(), feature);
        audit.record(new AuditRecord(caller, account.id(), account.path(), "licence.revoked",
                view(account, before, false), null));
    }

    /**
     * A new account's licences, written with it: every feature its vendor holds that applies to the new account's
     * type, without seats or an end of its own (the vendor's caps and ends still bound it). The vendor then narrows or
     * revokes what it does not mean to pass on (ADR 0038).
     */
    List<Feature> passOn(ScopedAccount vendor, UUID accountId, String path, AccountType type, Instant now) {
        return store.passOn(accountId, path, type, store.held(vendor.path(), today()), now);
    }

    private ScopedAccount decidedByVendor(Caller caller, UUID accountId) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.ACCOUNTS_MANAGE);
        if (account.id().equals(caller.accountId()) || account.type() == AccountType.PROVIDER) {
            throw new RuleViolationException(Problem.VENDOR_DECIDES,
                    "An account's licences are granted by its vendor; this account cannot change its own.");
        }
        return account;
    }

    private LicenceView view(ScopedAccount account, LicenceStore.Row row, boolean active) {
        Long used = row.feature().seated() ? used(row.feature(), Subtree.whole(account)) : null;
        return new LicenceView(account.id(), row.feature(), row.seats(), used, row.endsOn(), active, false,
                row.grantedAt(), row.updatedAt(), row.version());
    }

    private long used(Feature feature, Subtree subtree) {
        return counters.orderedStream().filter(counter -> counter.feature() == feature)
                .mapToLong(counter -> counter.used(subtree)).sum();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static RuleViolationException notLicensed(Feature feature) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("feature", feature.name());
        return new RuleViolationException(Problem.FEATURE_NOT_LICENSED,
                "This account's licence does not include " + feature + "; its vendor can grant it.", properties);
    }

    private static RuleViolationException beyondVendor(String detail, Feature feature) {
        return new RuleViolationException(Problem.LICENCE_BEYOND_VENDOR, detail, Map.of("feature", feature.name()));
    }
}
