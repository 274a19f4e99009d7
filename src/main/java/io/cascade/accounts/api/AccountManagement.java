package io.cascade.accounts.api;

import io.cascade.accounts.internal.AccountPaths;
import io.cascade.accounts.internal.AccountRules;
import io.cascade.accounts.internal.Accounts;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creating, reading, changing and listing accounts, and their status lifecycle. Every method starts with the
 * subtree check of {@link AccountScope}, then the privilege check; every change is audited in its transaction.
 */
@Service
public class AccountManagement {
    private final Accounts accounts;
    private final AccountScope scope;
    private final PlatformSettings platformSettings;
    private final FirstAdministrators administrators;
    private final AuditTrail audit;
    private final Validation validation;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;
    private final Licences licences;

    AccountManagement(Accounts accounts, AccountScope scope, PlatformSettings platformSettings,
                      FirstAdministrators administrators, AuditTrail audit, Validation validation,
                      org.springframework.context.ApplicationEventPublisher events, Clock clock, Licences licences) {
        this.licences = licences;
        this.validation = validation;
        this.events = events;
        this.accounts = accounts;
        this.scope = scope;
        this.platformSettings = platformSettings;
        this.administrators = administrators;
        this.audit = audit;
        this.clock = clock;
    }

    public AccountView get(Caller caller, UUID accountId) {
        // the hot read (benchmark P1): one primary-key lookup that is also the subtree check
        AccountView account = accountId == null ? null : accounts.find(accountId).orElse(null);
        caller.requireCovers(account == null ? null : account.path());
        caller.require(Privilege.ACCOUNTS_READ);
        return account;
    }

    /** The caller's own account; needs no privilege (every user may see whom they work for). */
    public AccountView own(Caller caller) {
        return accounts.find(caller.accountId()).orElseThrow(NotFoundException::new);
    }

    /** How many accounts of each type and status lie strictly below the account (its subtree, by path range). */
    public AccountCounts countsBelow(Caller caller, UUID accountId) {
        Subtree under = scope.subtree(caller, accountId);
        caller.require(Privilege.ACCOUNTS_READ);
        return new AccountCounts(accounts.countBelow(under));
    }

    public Page<AccountView> list(Caller caller, AccountQuery query) {
        Subtree under = scope.within(caller, query.under() != null ? query.under() : caller.accountId());
        caller.require(Privilege.ACCOUNTS_READ);
        if (query.q() != null && query.q().length() > 200) {
            throw new InvalidInputException("q", "must be at most 200 characters");
        }
        int limit = Cursors.limit(query.limit());
        String after = Cursors.decode("account", query.cursor());
        List<AccountView> rows = accounts.subtree(under, query.type(), query.status(), query.q(),
                Boolean.TRUE.equals(query.directOnly()), after, limit + 1);
        String next = rows.size() > limit ? Cursors.encode("account", rows.get(limit - 1).path()) : null;
        return new Page<>(rows.size() > limit ? rows.subList(0, limit) : rows, next);
    }

    @Transactional
    public AccountView create(Caller caller, AccountDraft draft) {
        ScopedAccount vendor = scope.require(caller, draft.vendorId() != null ? draft.vendorId() : caller.accountId());
        caller.require(Privilege.ACCOUNTS_MANAGE);
        // a suspension cascading at this moment must either see the new account or be seen by this check
        accounts.lockStatusChangesShared();
        vendor = scope.find(vendor.id()).orElseThrow(NotFoundException::new);
        if (draft.type() == AccountType.PROVIDER) {
            throw new InvalidInputException("type", "must be RESELLER or CUSTOMER; there is one provider");
        }
        AccountView vendorView = accounts.find(vendor.id()).orElseThrow();
        refuseBelow(vendorView, draft.type());
        if (vendor.status() != AccountStatus.ACTIVE) {
            throw RuleViolationException.conflict(Problem.VENDOR_NOT_ACTIVE,
                    "The vendor account is " + vendor.status() + "; accounts can be created only below an active one.");
        }
        if (draft.type() == AccountType.RESELLER) {
            licences.requireSeat(vendor, Feature.RESELLER); // resellers below: the vendor's RESELLER licence (ADR 0038)
        }
        ResellerSettings settings = platformSettings.resellerSettings().settings();
        int level = vendor.level() + 1;
        if (draft.type() == AccountType.RESELLER && level > settings.maxResellerDepth()) {
            throw new RuleViolationException(Problem.RESELLER_DEPTH_EXCEEDED,
                    "Resellers may nest " + settings.maxResellerDepth() + " levels deep; this one would be at level "
                            + level + ".", Map.of("maxResellerDepth", settings.maxResellerDepth()));
        }
        AccountUpdate fields = withDefaults(draft, vendorView);
        List<io.cascade.shared.FieldProblem> ruleProblems = new java.util.ArrayList<>(
                AccountRules.problems(fields, draft.type(), vendor.type(), settings));
        ruleProblems.addAll(administrators.problems(draft.admin(), "admin"));
        validation.check(draft, ruleProblems);
        Instant now = clock.instant();
        String customerNumber = customerNumber(vendor.id(), draft);
        long seq = accounts.nextSeq();
        UUID id = UUID.randomUUID();
        AccountStatus status = draft.admin().password() != null ? AccountStatus.ACTIVE : AccountStatus.PENDING;
        fields = new AccountUpdate(fields.companyName(), customerNumber, fields.address(), fields.phone(),
                fields.homepage(), fields.estimatedAnnualRevenue(), fields.taxId(), fields.contact(),
                fields.billingEmail(), fields.signatures(), fields.currency(), fields.locale(), fields.timeZone(), fields.billCycleDay(),
                fields.billable(), fields.resellerProfile());
        try {
            accounts.insert(new Accounts.NewRow(id, seq, AccountPaths.child(vendor.path(), seq), draft.type(),
                    vendor.id(), level, status, customerNumber, fields, now));
        } catch (DuplicateKeyException e) {
            throw customerNumberTaken();
        }
        AccountView created = accounts.find(id).orElseThrow();
        List<Feature> passedOn = licences.passOn(vendor, id, created.path(), draft.type(), now);
        var admin = administrators.enroll(caller, created.scoped(), draft.admin());
        audit.record(new AuditRecord(caller, id, created.path(), "account.created", null, created));
        if (!passedOn.isEmpty()) {
            audit.record(new AuditRecord(caller, id, created.path(), "licence.passed-on", null,
                    Map.of("features", passedOn)));
        }
        events.publishEvent(new AccountCreated(id));
        return created.withAdmin(admin);
    }

    /** Applies the caller's changes (already merged onto the current document) if the version still matches. */
    @Transactional
    public AccountView update(Caller caller, UUID accountId, String ifMatch,
                              java.util.function.UnaryOperator<AccountUpdate> changes) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.ACCOUNTS_MANAGE);
        AccountView before = accounts.find(account.id()).orElseThrow(NotFoundException::new);
        Etags.checkIfMatch(ifMatch, before.version());
        if (before.status() == AccountStatus.TERMINATED) {
            throw RuleViolationException.conflict(Problem.ACCOUNT_TERMINATED, "A terminated account cannot be changed.");
        }
        AccountUpdate changed = changes.apply(AccountUpdate.of(before));
        if (account.id().equals(caller.accountId())) {
            refuseVendorControlledChanges(before, changed);
        }
        AccountType vendorType = before.vendorId() == null ? null
                : scope.find(before.vendorId()).map(ScopedAccount::type).orElse(null);
        ResellerSettings settings = platformSettings.resellerSettings().settings();
        if (before.resellerProfile() != null) {
            // a model disabled after a reseller got it stays valid for that reseller
            var enabled = java.util.EnumSet.copyOf(settings.enabledResellerModels());
            enabled.add(before.resellerProfile().model());
            settings = new ResellerSettings(enabled, settings.maxResellerDepth());
        }
        List<io.cascade.shared.FieldProblem> ruleProblems = new java.util.ArrayList<>(
                AccountRules.problems(changed, before.type(), vendorType, settings));
        ruleProblems.addAll(treeProblems(before, changed));
        validation.check(changed, ruleProblems);
        if (!changed.customerNumber().equals(before.customerNumber())
                && accounts.customerNumberTaken(before.vendorId(), changed.customerNumber(), before.id())) {
            throw customerNumberTaken();
        }
        try {
            if (!accounts.update(account.id(), before.version(), changed, clock.instant())) {
                throw new PreconditionFailedException();
            }
        } catch (DuplicateKeyException e) {
            throw customerNumberTaken();
        }
        AccountView after = accounts.find(account.id()).orElseThrow();
        audit.record(new AuditRecord(caller, account.id(), account.path(), "account.updated", before, after));
        events.publishEvent(new AccountUpdated(account.id()));
        return after;
    }

    @Transactional
    public AccountView suspend(Caller caller, UUID accountId) {
        return suspend(caller, accountId, null);
    }

    /** Suspends the account and what is active below it; {@code reason} (optional) is told to their administrators. */
    @Transactional
    public AccountView suspend(Caller caller, UUID accountId, StatusChangeReason reason) {
        ScopedAccount account = statusTarget(caller, accountId);
        String why = reason(reason);
        accounts.lockStatusChanges();
        AccountView before = accounts.find(account.id()).orElseThrow();
        List<Accounts.Affected> cascaded;
        if (before.status() == AccountStatus.TERMINATED) {
            throw RuleViolationException.conflict(Problem.ACCOUNT_TERMINATED, "A terminated account cannot be suspended.");
        } else if (before.status() == AccountStatus.SUSPENDED) {
            UUID cause = accounts.suspendedBy(account.id()).orElse(account.id());
            if (cause.equals(account.id())) {
                throw RuleViolationException.conflict(Problem.ALREADY_SUSPENDED, "The account is already suspended.");
            }
            cascaded = accounts.takeOverSuspension(Subtree.whole(account), cause, clock.instant());
        } else {
            cascaded = accounts.suspendSubtree(Subtree.whole(account), clock.instant());
        }
        return statusChanged(caller, account, before, "account.suspended", cascaded, why);
    }

    @Transactional
    public AccountView resume(Caller caller, UUID accountId) {
        return resume(caller, accountId, null);
    }

    /** Resumes the account and what its suspension stopped; {@code reason} (optional) is told to administrators. */
    @Transactional
    public AccountView resume(Caller caller, UUID accountId, StatusChangeReason reason) {
        ScopedAccount account = statusTarget(caller, accountId);
        String why = reason(reason);
        accounts.lockStatusChanges();
        AccountView before = accounts.find(account.id()).orElseThrow();
        if (before.status() != AccountStatus.SUSPENDED) {
            throw RuleViolationException.conflict(Problem.NOT_SUSPENDED, "Only a suspended account can be resumed.");
        }
        if (before.suspension() != Suspension.OWN) {
            throw RuleViolationException.conflict(Problem.SUSPENDED_BY_VENDOR,
                    "This account is suspended because an account above it is suspended; resume that one.");
        }
        if (before.vendorId() != null && scope.find(before.vendorId())
                .map(vendor -> vendor.status() == AccountStatus.SUSPENDED).orElse(false)) {
            throw RuleViolationException.conflict(Problem.VENDOR_SUSPENDED,
                    "The vendor of this account is suspended too; resume the vendor first.");
        }
        var restored = accounts.resumeSubtree(Subtree.whole(account), clock.instant());
        return statusChanged(caller, account, before, "account.resumed", restored, why);
    }

    @Transactional
    public AccountView terminate(Caller caller, UUID accountId) {
        ScopedAccount account = statusTarget(caller, accountId);
        accounts.lockStatusChanges();
        AccountView before = accounts.find(account.id()).orElseThrow();
        if (before.status() == AccountStatus.TERMINATED) {
            throw RuleViolationException.conflict(Problem.ACCOUNT_TERMINATED, "The account is already terminated.");
        }
        if (accounts.hasLiveDescendants(Subtree.whole(account))) {
            throw RuleViolationException.conflict(Problem.SUBTREE_HAS_LIVE_ACCOUNTS,
                    "Terminate every account below this one first.");
        }
        accounts.setStatus(account.id(), AccountStatus.TERMINATED, clock.instant());
        return statusChanged(caller, account, before, "account.terminated", List.of());
    }

    @Transactional
    public AccountView activate(Caller caller, UUID accountId) {
        ScopedAccount account = statusTarget(caller, accountId);
        accounts.lockStatusChanges();
        AccountView before = accounts.find(account.id()).orElseThrow();
        if (before.status() != AccountStatus.PENDING) {
            throw RuleViolationException.conflict(Problem.NOT_PENDING, "Only a pending account can be activated.");
        }
        accounts.setStatus(account.id(), AccountStatus.ACTIVE, clock.instant());
        return statusChanged(caller, account, before, "account.activated", List.of());
    }

    /** Activates a pending account when its first administrator accepted the invitation (no caller privilege). */
    @Transactional
    public void activateOnFirstLogin(Caller administrator, UUID accountId) {
        accounts.lockStatusChanges();
        AccountView before = accounts.find(accountId).orElseThrow(NotFoundException::new);
        if (before.status() == AccountStatus.PENDING) {
            accounts.setStatus(accountId, AccountStatus.ACTIVE, clock.instant());
            statusChanged(administrator, before.scoped(), before, "account.activated", List.of());
        } else if (before.status() == AccountStatus.SUSPENDED) {
            accounts.activateAfterSuspension(accountId, clock.instant());
        }
    }

    /**
     * What an account's vendor decides — its customer number, billing currency and cycle day, whether it is billed,
     * its reseller model — the account cannot change on itself.
     */
    private static void refuseVendorControlledChanges(AccountView before, AccountUpdate changed) {
        List<io.cascade.shared.FieldProblem> problems = new java.util.ArrayList<>();
        String byVendor = "is set by your vendor";
        if (!java.util.Objects.equals(before.customerNumber(), changed.customerNumber())) {
            problems.add(new io.cascade.shared.FieldProblem("customerNumber", byVendor));
        }
        if (!java.util.Objects.equals(before.currency(), changed.currency())) {
            problems.add(new io.cascade.shared.FieldProblem("currency", byVendor));
        }
        if (!java.util.Objects.equals(before.billCycleDay(), changed.billCycleDay())) {
            problems.add(new io.cascade.shared.FieldProblem("billCycleDay", byVendor));
        }
        if (!java.util.Objects.equals(before.billable(), changed.billable())) {
            problems.add(new io.cascade.shared.FieldProblem("billable", byVendor));
        }
        ResellerModel beforeModel = before.resellerProfile() == null ? null : before.resellerProfile().model();
        ResellerModel afterModel = changed.resellerProfile() == null ? null : changed.resellerProfile().model();
        if (beforeModel != afterModel) {
            problems.add(new io.cascade.shared.FieldProblem("resellerProfile.model", byVendor));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private ScopedAccount statusTarget(Caller caller, UUID accountId) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.ACCOUNTS_STATUS);
        if (account.id().equals(caller.accountId())) {
            throw RuleViolationException.conflict(Problem.OWN_ACCOUNT_STATUS,
                    "You cannot change the status of your own account; your vendor can.");
        }
        return account;
    }

    /**
     * One audit event for the account acted on, and one for each account below that the cascade changed (its own
     * status before and after, and which account's action caused it), written as one batch.
     */
    private AccountView statusChanged(Caller caller, ScopedAccount account, AccountView before, String action,
                                      List<Accounts.Affected> cascaded) {
        return statusChanged(caller, account, before, action, cascaded, null);
    }

    private AccountView statusChanged(Caller caller, ScopedAccount account, AccountView before, String action,
                                      List<Accounts.Affected> cascaded, String reason) {
        AccountView after = accounts.find(account.id()).orElseThrow();
        List<AuditRecord> records = new java.util.ArrayList<>(cascaded.size() + 1);
        Map<String, Object> changedTo = new java.util.LinkedHashMap<>();
        changedTo.put("status", after.status());
        changedTo.put("accountsBelowAffected", cascaded.size());
        if (reason != null) {
            changedTo.put("reason", reason);
        }
        records.add(new AuditRecord(caller, account.id(), account.path(), action,
                Map.of("status", before.status()), changedTo));
        for (Accounts.Affected below : cascaded) {
            records.add(new AuditRecord(caller, below.id(), below.path(), action + "-by-cascade",
                    Map.of("status", below.statusBefore()),
                    Map.of("status", below.statusAfter(), "causedBy", account.id().toString())));
        }
        audit.recordAll(records);
        List<UUID> changed = new java.util.ArrayList<>();
        changed.add(account.id());
        cascaded.stream().filter(a -> a.statusBefore() != a.statusAfter()).forEach(a -> changed.add(a.id()));
        AccountStatusChanged.Change change = switch (action) {
            case "account.suspended" -> AccountStatusChanged.Change.SUSPENDED;
            case "account.resumed" -> AccountStatusChanged.Change.RESUMED;
            case "account.terminated" -> AccountStatusChanged.Change.TERMINATED;
            default -> AccountStatusChanged.Change.ACTIVATED;
        };
        if (before.status() != after.status() || changed.size() > 1) {
            events.publishEvent(new AccountStatusChanged(change, changed, caller, reason));
        }
        return after;
    }

    /** The reason's text, checked (at most 500 characters), or null when none was given. */
    private String reason(StatusChangeReason reason) {
        if (reason == null) {
            return null;
        }
        validation.check(reason);
        return reason.reason() == null || reason.reason().isBlank() ? null : reason.reason().strip();
    }

    /**
     * What may be created below a vendor (ADR 0037): anything below the provider or a prepaid reseller; only customers
     * below a commission reseller (it has nothing a sub-reseller could sell); only simple customers below a standard
     * account (a billable customer, which organises its SIMs and customer users with them); nothing below a simple
     * customer.
     */
    private static void refuseBelow(AccountView vendor, AccountType type) {
        if (vendor.type() == AccountType.CUSTOMER && !standardAccount(vendor)) {
            throw RuleViolationException.unprocessable(Problem.VENDOR_CANNOT_SELL, "A simple customer cannot have "
                    + "accounts below it; choose a reseller, the provider or a standard (billable) customer as vendor.");
        }
        if (vendor.type() == AccountType.CUSTOMER && type == AccountType.RESELLER) {
            throw RuleViolationException.unprocessable(Problem.VENDOR_CANNOT_SELL, "A standard account may create "
                    + "simple customers only; resellers are created below the provider or a reseller.");
        }
        if (type == AccountType.RESELLER && vendor.resellerProfile() != null
                && vendor.resellerProfile().model() == ResellerModel.COMMISSION) {
            throw RuleViolationException.unprocessable(Problem.COMMISSION_RESELLER_HAS_NO_RESELLERS,
                    "A commission reseller only brings customers to its vendor and has nothing a sub-reseller could "
                            + "sell; create the sub-reseller below a prepaid reseller or the provider.");
        }
    }

    /**
     * A standard account: a customer its vendor bills (not a simple customer); it may organise itself with simple
     * customers ({@link AccountFacts#mayHaveCustomers}).
     */
    public static boolean standardAccount(AccountView account) {
        return account.type() == AccountType.CUSTOMER && !Boolean.FALSE.equals(account.billable());
    }

    /**
     * Changes the tree's shape forbids: a standard account with simple customers stays billable (else its customers
     * would hang below a simple customer), and a reseller with resellers below it does not become a commission
     * reseller (ADR 0037).
     */
    private List<io.cascade.shared.FieldProblem> treeProblems(AccountView before, AccountUpdate changed) {
        List<io.cascade.shared.FieldProblem> problems = new java.util.ArrayList<>();
        if (before.type() == AccountType.CUSTOMER && Boolean.FALSE.equals(changed.billable())
                && !Boolean.FALSE.equals(before.billable()) && accounts.hasDescendants(Subtree.whole(before.scoped()), null)) {
            problems.add(new io.cascade.shared.FieldProblem("billable",
                    "must stay true: this account has simple customers of its own"));
        }
        ResellerModel beforeModel = before.resellerProfile() == null ? null : before.resellerProfile().model();
        if (changed.resellerProfile() != null && changed.resellerProfile().model() == ResellerModel.COMMISSION
                && beforeModel != ResellerModel.COMMISSION
                && accounts.hasDescendants(Subtree.whole(before.scoped()), AccountType.RESELLER)) {
            problems.add(new io.cascade.shared.FieldProblem("resellerProfile.model",
                    "cannot be COMMISSION: this reseller has resellers below it, which a commission reseller cannot have"));
        }
        return problems;
    }

    private String customerNumber(UUID vendorId, AccountDraft draft) {
        if (draft.customerNumber() != null) {
            if (accounts.customerNumberTaken(vendorId, draft.customerNumber(), null)) {
                throw customerNumberTaken();
            }
            return draft.customerNumber();
        }
        String prefix = draft.type() == AccountType.RESELLER ? "R" : "C";
        while (true) {
            String candidate = prefix + String.format("%06d", accounts.takeCustomerNumber(vendorId));
            if (!accounts.customerNumberTaken(vendorId, candidate, null)) {
                return candidate;
            }
        }
    }

    private static RuleViolationException customerNumberTaken() {
        return new RuleViolationException(Problem.CUSTOMER_NUMBER_TAKEN,
                "Another account of this vendor already has this customer number.",
                Map.of("errors", List.of(new io.cascade.shared.FieldProblem("customerNumber", "is already taken"))));
    }

    private static AccountUpdate withDefaults(AccountDraft d, AccountView vendor) {
        ResellerProfile profile = d.resellerProfile();
        int billCycleDay = d.billCycleDay() != null ? d.billCycleDay() : 1;
        if (d.type() == AccountType.RESELLER) {
            ResellerProfile given = profile != null ? profile : new ResellerProfile(null, null, null, null);
            profile = new ResellerProfile(given.model() != null ? given.model() : ResellerModel.PREPAID,
                    given.customerInvoicing() != null ? given.customerInvoicing() : Boolean.TRUE,
                    given.customerInvoiceFormat() != null ? given.customerInvoiceFormat() : InvoiceFormat.PDF,
                    given.customerBillCycleDay() != null ? given.customerBillCycleDay() : billCycleDay);
        }
        // left out, a customer is billable; below a standard account it is simple (its vendor bills nobody)
        Boolean billable = d.type() == AccountType.CUSTOMER && d.billable() == null
                ? Boolean.valueOf(vendor.type() != AccountType.CUSTOMER) : d.billable();
        return new AccountUpdate(d.companyName(), d.customerNumber(), d.address(), d.phone(), d.homepage(),
                d.estimatedAnnualRevenue(), d.taxId(), d.contact(), d.billingEmail(), d.signatures(),
                d.currency() != null ? d.currency() : vendor.currency(),
                d.locale() != null ? d.locale() : vendor.locale(),
                d.timeZone() != null ? d.timeZone() : vendor.timeZone(), billCycleDay, billable, profile);
    }
}
