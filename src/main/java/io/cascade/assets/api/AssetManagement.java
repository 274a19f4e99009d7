package io.cascade.assets.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountQuery;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.Licences;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.accounts.api.Subtree;
import io.cascade.assets.api.ImportReport.BadRow;
import io.cascade.assets.internal.Assets;
import io.cascade.assets.internal.SimCsv;
import io.cascade.assets.internal.SimImportCheck;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An account's SIM inventory (ADR 0013): adding and importing SIMs, handing them down to a direct reseller,
 * assigning them to the account's customers and taking them back, and searching them. Reads follow the subtree rule
 * on the SIM's owner or on the customer it is assigned to (its customer's staff and the customer users assigned to
 * that customer see it too); only the owner's own staff assign and unassign (403 {@code own-users-only} for upstream
 * staff acting on behalf, seed 004). Every change is audited in its transaction.
 */
@Service
public class AssetManagement {
    private final Assets assets;
    private final SimImportCheck check;
    private final SimLifecycle lifecycle;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final Validation validation;
    private final Clock clock;
    private final Licences licences;
    private final AccountManagement accountManagement;

    AssetManagement(Assets assets, SimImportCheck check, SimLifecycle lifecycle, AccountScope scope,
                    AuditTrail audit, Validation validation, Clock clock, Licences licences,
                    AccountManagement accountManagement) {
        this.licences = licences;
        this.accountManagement = accountManagement;
        this.assets = assets;
        this.check = check;
        this.lifecycle = lifecycle;
        this.scope = scope;
        this.audit = audit;
        this.validation = validation;
        this.clock = clock;
    }

    // --------------------------------------------------------------------------------------------- reading

    public AssetView get(Caller caller, UUID assetId) {
        AssetView asset = visible(caller, assetId);
        caller.require(Privilege.ASSETS_READ);
        return asset;
    }

    /**
     * The SIMs an account holds: a vendor's inventory, or the SIMs assigned to a customer. A customer user listing
     * its own account sees the SIMs of its customers only.
     */
    public Page<AssetView> list(Caller caller, UUID accountId, AssetQuery query) {
        Subtree within = scope.within(caller, accountId);
        caller.require(Privilege.ASSETS_READ);
        licences.require(within.account(), Feature.SIM_MANAGEMENT);
        ScopedAccount account = within.account();
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        // a vendor's inventory and its customers; a customer's SIMs and its simple customers'; a simple customer's
        String customerColumn = "customer_path";
        if (account.type() == AccountType.CUSTOMER && simpleCustomerOfACustomer(caller, account)) {
            where.append("simple_customer_path = :customerPath");
            params.put("customerPath", account.path());
        } else if (account.type() == AccountType.CUSTOMER) {
            where.append("customer_path = :customerPath");
            params.put("customerPath", account.path());
            customerColumn = "simple_customer_path";
        } else {
            where.append("owner_id = :owner");
            params.put("owner", account.id());
        }
        if (!within.whole()) {
            Subtree.Condition customers = within.within(customerColumn);
            where.append(" AND ").append(customers.sql());
            params.putAll(customers.parameters());
        }
        if (query.state() != null) {
            where.append(" AND state = :state");
            params.put("state", query.state().name());
        }
        prefix("iccid", query.iccid(), 20, where, params);
        prefix("msisdn", SimNumbers.normalizeMsisdn(query.msisdn()), 15, where, params);
        if (query.customerId() != null) {
            where.append(" AND ").append(customerColumn).append(" = :onlyCustomer");
            params.put("onlyCustomer", scope.facts(caller, query.customerId()).map(AccountFacts::path).orElse(""));
        }
        int size = Cursors.limit(query.limit());
        String after = Cursors.decode("asset", query.cursor());
        List<AssetView> rows = assets.search(where.toString(), params, after, size + 1);
        String next = rows.size() > size ? Cursors.encode("asset", rows.get(size - 1).iccid()) : null;
        return new Page<>(rows.size() > size ? rows.subList(0, size) : rows, next);
    }

    private static void prefix(String column, String value, int max, StringBuilder where, Map<String, Object> params) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (!SimNumbers.digits(value) || value.length() > max) {
            throw new InvalidInputException(column, "must be up to " + max + " digits (a prefix or a whole number)");
        }
        where.append(" AND ").append(column).append(" >= :").append(column).append("From AND ").append(column)
                .append(" < :").append(column).append("To");
        params.put(column + "From", value);
        params.put(column + "To", value + "~");
    }

    // --------------------------------------------------------------------------------------- the inventory

    @Transactional
    public AssetView create(Caller caller, UUID accountId, NewSim sim) {
        ScopedAccount owner = inventoryOf(caller, accountId);
        List<FieldProblem> problems = new ArrayList<>();
        if (sim.iccid() != null) {
            SimNumbers.iccidProblem(sim.iccid()).ifPresent(p -> problems.add(new FieldProblem("iccid", p)));
        }
        if (sim.imsi() != null) {
            SimNumbers.imsiProblem(sim.imsi()).ifPresent(p -> problems.add(new FieldProblem("imsi", p)));
        }
        SimNumbers.msisdnProblem(sim.msisdn()).ifPresent(p -> problems.add(new FieldProblem("msisdn", p)));
        validation.check(sim, problems);
        String msisdn = SimNumbers.normalizeMsisdn(sim.msisdn());
        List<FieldProblem> taken = new ArrayList<>();
        if (!assets.taken("iccid", List.of(sim.iccid())).isEmpty()) {
            taken.add(new FieldProblem("iccid", "is already registered"));
        }
        if (!assets.taken("imsi", List.of(sim.imsi())).isEmpty()) {
            taken.add(new FieldProblem("imsi", "is already registered"));
        }
        if (msisdn != null && !assets.taken("msisdn", List.of(msisdn)).isEmpty()) {
            taken.add(new FieldProblem("msisdn", "is already registered"));
        }
        if (!taken.isEmpty()) {
            throw new RuleViolationException(Problem.SIM_NUMBER_TAKEN, "A SIM with these numbers is registered.",
                    Map.of("errors", taken));
        }
        UUID id = assets.insertOne(owner.id(), owner.path(), sim.iccid(), sim.imsi(), msisdn, clock.instant());
        AssetView created = assets.find(id).orElseThrow();
        audit.record(new AuditRecord(caller, owner.id(), owner.path(), "asset.created", null, created));
        return created;
    }

    /**
     * Imports SIMs from CSV in one statement. Every row is checked first — formats, numbers repeated in the file,
     * numbers already registered — and every bad row reported with its line. {@code goodRows} false: any bad row
     * refuses the whole import (422 {@code import-rejected}, nothing written); true: the good rows are written.
     */
    @Transactional
    public ImportReport importCsv(Caller caller, UUID accountId, String csv, boolean goodRows) {
        ScopedAccount owner = inventoryOf(caller, accountId);
        SimImportCheck.Checked checked = check.check(csv);
        List<BadRow> bad = checked.bad();
        List<SimCsv.Row> good = checked.good();
        String mode = goodRows ? "GOOD_ROWS" : "ALL";
        if (!bad.isEmpty() && !goodRows) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("rows", checked.rows());
            properties.put("rejected", bad);
            throw new RuleViolationException(Problem.IMPORT_REJECTED, bad.size() + " problem(s) in "
                    + bad.stream().map(BadRow::line).distinct().count() + " of " + checked.rows()
                    + " rows; nothing was imported. Fix them, or import only the good rows with ?mode=good-rows.",
                    properties);
        }
        int imported = good.isEmpty() ? 0 : assets.insert(owner.id(), owner.path(),
                good.stream().map(SimCsv.Row::iccid).toList(), good.stream().map(SimCsv.Row::imsi).toList(),
                good.stream().map(SimCsv.Row::msisdn).toList(), clock.instant());
        if (imported > 0) {
            audit.record(new AuditRecord(caller, owner.id(), owner.path(), "asset.imported", null,
                    SimImportCheck.audited(mode, checked.rows(), imported, bad.size(), good)));
        }
        return new ImportReport(mode, checked.rows(), imported, bad);
    }

    /** Hands SIMs in stock down to a direct reseller of the account. */
    @Transactional
    public BatchResult transfer(Caller caller, UUID accountId, TransferRequest request) {
        ScopedAccount from = scope.require(caller, accountId);
        caller.require(Privilege.ASSETS_MANAGE);
        licences.require(from, Feature.SIM_MANAGEMENT);
        validation.check(request);
        AccountFacts to = scope.facts(caller, request.toAccountId()).orElse(null);
        if (to == null || !from.id().equals(to.vendorId()) || to.type() != AccountType.RESELLER) {
            throw new InvalidInputException("toAccountId", "is not a direct reseller of this account");
        }
        if (to.status() == AccountStatus.TERMINATED) {
            throw RuleViolationException.conflict(Problem.ACCOUNT_TERMINATED, "The reseller is terminated.");
        }
        List<UUID> ids = request.assetIds().stream().distinct().toList();
        Map<UUID, AssetView> owned = owned(from.id(), ids);
        requireAll(request.assetIds(), owned, asset -> asset.state() == AssetState.IN_STOCK ? null
                : "is " + asset.state() + "; only SIMs in stock are handed down");
        int moved = assets.transfer(ids, from.id(), to.id(), to.path(), clock.instant());
        Map<String, Object> after = Map.of("toAccountId", to.id(), "fromAccountId", from.id(), "count", moved,
                "assetIds", ids);
        audit.recordAll(List.of(new AuditRecord(caller, from.id(), from.path(), "asset.transferred-out", null, after),
                new AuditRecord(caller, to.id(), to.path(), "asset.transferred-in", null, after)));
        return new BatchResult(moved, null, null, to.id());
    }

    @Transactional
    public AssetView retire(Caller caller, UUID assetId) {
        AssetView asset = visible(caller, assetId);
        caller.require(Privilege.ASSETS_MANAGE);
        if (!caller.covers(asset.ownerPath())) {
            throw ownUsersOnly();
        }
        if (!assets.retire(asset.id(), clock.instant())) {
            throw RuleViolationException.conflict(Problem.ASSET_NOT_IN_STOCK,
                    "Only a SIM in stock can be retired; this one is " + asset.state() + ". Unassign it first.");
        }
        AssetView after = assets.find(assetId).orElseThrow();
        audit.record(new AuditRecord(caller, asset.ownerId(), asset.ownerPath(), "asset.retired", asset, after));
        return after;
    }

    /**
     * Retires SIMs of the account's stock for good, all or none: every id must be a SIM in stock of this inventory
     * (422 naming each bad index, nothing retired). Audited as one {@code asset.retired} event with the ids.
     */
    @Transactional
    public BatchResult retireBatch(Caller caller, UUID accountId, RetireRequest request) {
        ScopedAccount owner = inventoryOf(caller, accountId);
        if (request == null) {
            throw new InvalidInputException("assetIds", "must not be empty");
        }
        validation.check(request);
        List<UUID> ids = request.assetIds().stream().distinct().toList();
        Map<UUID, AssetView> owned = owned(owner.id(), ids);
        requireAll(request.assetIds(), owned, asset -> asset.state() == AssetState.IN_STOCK ? null
                : "is " + asset.state() + "; only SIMs in stock are retired (unassign it first)");
        int retired = assets.retireAll(ids, owner.id(), clock.instant());
        audit.record(new AuditRecord(caller, owner.id(), owner.path(), "asset.retired", null,
                Map.of("count", retired, "assetIds", ids)));
        return new BatchResult(retired, null, null, null);
    }

    // ------------------------------------------------------------------------------------------ assignment

    @Transactional
    public AssetView assign(Caller caller, UUID assetId, AssignRequest request) {
        AssetView asset = visible(caller, assetId);
        if (request != null && request.assetIds() != null) {
            throw new InvalidInputException("assetIds", "is for the batch endpoint; this one assigns its own SIM");
        }
        if (asset.customerId() != null && caller.isOwnStaffOf(asset.customerId())) {
            holdAll(caller, scope.facts(caller, asset.customerId()).orElseThrow().scoped(), request,
                    request == null ? List.of() : List.of(assetId));
            return assets.find(assetId).orElseThrow();
        }
        assignAll(caller, scope.facts(caller, asset.ownerId()).orElseThrow().scoped(), request,
                request == null ? List.of() : List.of(assetId));
        return assets.find(assetId).orElseThrow();
    }

    @Transactional
    public BatchResult assignBatch(Caller caller, UUID accountId, AssignRequest request) {
        ScopedAccount owner = scope.require(caller, accountId);
        if (request != null && request.assetIds() == null) {
            throw new InvalidInputException("assetIds", "must not be null");
        }
        if (owner.type() == AccountType.CUSTOMER) {
            return holdAll(caller, owner, request, request == null ? List.of() : request.assetIds());
        }
        return assignAll(caller, owner, request, request == null ? List.of() : request.assetIds());
    }

    private BatchResult assignAll(Caller caller, ScopedAccount owner, AssignRequest request, List<UUID> requested) {
        caller.require(Privilege.ASSETS_MANAGE);
        licences.require(owner, Feature.SIM_MANAGEMENT);
        if (!caller.isOwnStaffOf(owner.id())) {
            throw ownUsersOnly();
        }
        if (request == null) {
            throw new InvalidInputException("customerId", "must not be null");
        }
        validation.check(request, requested.isEmpty()
                ? List.of(new FieldProblem("assetIds", "must not be empty")) : List.of());
        AccountFacts customer = scope.facts(caller, request.customerId()).orElse(null);
        if (customer == null || !owner.id().equals(customer.vendorId()) || customer.type() != AccountType.CUSTOMER) {
            throw new InvalidInputException("customerId", "is not a customer of the SIMs' owner");
        }
        if (customer.status() == AccountStatus.TERMINATED) {
            throw RuleViolationException.conflict(Problem.ACCOUNT_TERMINATED, "The customer is terminated.");
        }
        List<UUID> ids = requested.stream().distinct().toList();
        Map<UUID, AssetView> owned = owned(owner.id(), ids);
        requireAll(requested, owned, asset -> switch (asset.state()) {
            case IN_STOCK -> null;
            case RETIRED -> "is RETIRED";
            default -> customer.id().equals(asset.customerId()) ? null
                    : "is assigned to another customer; unassign it first";
        });
        List<UUID> fresh = ids.stream().filter(id -> owned.get(id).state() == AssetState.IN_STOCK).toList();
        Instant now = clock.instant();
        int assigned = fresh.isEmpty() ? 0 : assets.assign(fresh, owner.id(), customer.id(), customer.path(), now);
        int activated = 0;
        if (assigned > 0) {
            audit.record(new AuditRecord(caller, owner.id(), owner.path(), "asset.assigned", null,
                    Map.of("customerId", customer.id(), "count", assigned, "assetIds", fresh)));
            activated = lifecycle.connectAssigned(caller, customer.id());
        }
        return new BatchResult(assigned, activated, customer.id(), null);
    }

    @Transactional
    public AssetView unassign(Caller caller, UUID assetId) {
        AssetView asset = visible(caller, assetId);
        if (asset.simpleCustomerId() != null && caller.isOwnStaffOf(asset.customerId())) {
            caller.require(Privilege.ASSETS_MANAGE);
            releaseAll(caller, scope.facts(caller, asset.customerId()).orElseThrow().scoped(), List.of(assetId));
            return assets.find(assetId).orElseThrow();
        }
        unassignAll(caller, scope.facts(caller, asset.ownerId()).orElseThrow().scoped(), List.of(assetId));
        return assets.find(assetId).orElseThrow();
    }

    @Transactional
    public BatchResult unassignBatch(Caller caller, UUID accountId, UnassignRequest request) {
        ScopedAccount owner = scope.require(caller, accountId);
        caller.require(Privilege.ASSETS_MANAGE);
        if (!caller.isOwnStaffOf(owner.id())) {
            throw ownUsersOnly();
        }
        if (request == null) {
            throw new InvalidInputException("assetIds", "must not be empty");
        }
        validation.check(request);
        if (owner.type() == AccountType.CUSTOMER) {
            return releaseAll(caller, owner, request.assetIds());
        }
        return unassignAll(caller, owner, request.assetIds());
    }

    private BatchResult unassignAll(Caller caller, ScopedAccount owner, List<UUID> requested) {
        caller.require(Privilege.ASSETS_MANAGE);
        licences.require(owner, Feature.SIM_MANAGEMENT);
        if (!caller.isOwnStaffOf(owner.id())) {
            throw ownUsersOnly();
        }
        List<UUID> ids = requested.stream().distinct().toList();
        Map<UUID, AssetView> owned = owned(owner.id(), ids);
        requireAll(requested, owned, asset -> asset.state() == AssetState.RETIRED ? "is RETIRED" : null);
        List<UUID> taken = ids.stream().filter(id -> owned.get(id).customerId() != null).toList();
        if (taken.isEmpty()) {
            return new BatchResult(0, null, null, null);
        }
        List<UUID> subscriptions = assets.unassign(taken, owner.id(), clock.instant());
        lifecycle.recount(caller, subscriptions);
        Map<UUID, List<UUID>> byCustomer = taken.stream()
                .collect(Collectors.groupingBy(id -> owned.get(id).customerId(), LinkedHashMap::new,
                        Collectors.toList()));
        List<AuditRecord> records = new ArrayList<>();
        byCustomer.forEach((customer, assetIds) -> records.add(new AuditRecord(caller, owner.id(), owner.path(),
                "asset.unassigned", Map.of("customerId", customer), Map.of("count", assetIds.size(),
                "assetIds", assetIds))));
        audit.recordAll(records);
        return new BatchResult(taken.size(), null, null, null);
    }

    // ------------------------------------------------------------------ a standard account's simple customers

    /**
     * A standard account hands SIMs assigned to it on to one of its simple customers (seed 004, ADR 0037): they stay
     * assigned to it (counted on its {@code iot} subscription, billed to it), and the simple customer's users see
     * them. Only the standard account's own staff do so; a SIM held by another of its customers is taken back first.
     * The SIMs follow the simple customer's status (a suspended one's SIMs are SUSPENDED).
     */
    private BatchResult holdAll(Caller caller, ScopedAccount standard, AssignRequest request, List<UUID> requested) {
        caller.require(Privilege.ASSETS_MANAGE);
        if (!caller.isOwnStaffOf(standard.id())) {
            throw ownUsersOnly();
        }
        if (request == null) {
            throw new InvalidInputException("customerId", "must not be null");
        }
        validation.check(request, requested.isEmpty()
                ? List.of(new FieldProblem("assetIds", "must not be empty")) : List.of());
        AccountFacts simple = scope.facts(caller, request.customerId()).orElse(null);
        if (simple == null || !standard.id().equals(simple.vendorId()) || simple.type() != AccountType.CUSTOMER) {
            throw new InvalidInputException("customerId", "is not a simple customer of this account");
        }
        if (simple.status() == AccountStatus.TERMINATED) {
            throw RuleViolationException.conflict(Problem.ACCOUNT_TERMINATED, "The customer is terminated.");
        }
        List<UUID> ids = requested.stream().distinct().toList();
        Map<UUID, AssetView> held = new HashMap<>();
        assets.lockAssignedTo(standard.id(), ids).forEach(a -> held.put(a.id(), a));
        requireAll(requested, held, "is not a SIM assigned to this account", asset ->
                asset.simpleCustomerId() == null || asset.simpleCustomerId().equals(simple.id()) ? null
                        : "is held by another of your customers; take it back first");
        List<UUID> fresh = ids.stream().filter(id -> held.get(id).simpleCustomerId() == null).toList();
        Instant now = clock.instant();
        int count = fresh.isEmpty() ? 0 : assets.hold(fresh, standard.id(), simple.id(), simple.path(), now);
        if (count > 0) {
            int suspended = assets.followAccounts(List.of(simple.id()), now).size();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("customerId", simple.id());
            after.put("count", count);
            after.put("assetIds", fresh);
            if (suspended > 0) {
                after.put("suspendedWithCustomer", suspended);
            }
            audit.record(new AuditRecord(caller, standard.id(), standard.path(), "asset.assigned", null, after));
        }
        return new BatchResult(count, null, simple.id(), null);
    }

    /** The standard account takes SIMs back from its simple customers; they stay assigned to it. */
    private BatchResult releaseAll(Caller caller, ScopedAccount standard, List<UUID> requested) {
        caller.require(Privilege.ASSETS_MANAGE);
        if (!caller.isOwnStaffOf(standard.id())) {
            throw ownUsersOnly();
        }
        List<UUID> ids = requested.stream().distinct().toList();
        Map<UUID, AssetView> held = new HashMap<>();
        assets.lockAssignedTo(standard.id(), ids).forEach(a -> held.put(a.id(), a));
        requireAll(requested, held, "is not a SIM assigned to this account", asset ->
                asset.simpleCustomerId() != null ? null
                        : "is held by none of your customers; only your vendor takes it back from you");
        Instant now = clock.instant();
        assets.hold(ids, standard.id(), null, null, now);
        assets.followAccounts(List.of(standard.id()), now);
        Map<UUID, List<UUID>> byCustomer = ids.stream()
                .collect(Collectors.groupingBy(id -> held.get(id).simpleCustomerId(), LinkedHashMap::new,
                        Collectors.toList()));
        List<AuditRecord> records = new ArrayList<>();
        byCustomer.forEach((customer, assetIds) -> records.add(new AuditRecord(caller, standard.id(),
                standard.path(), "asset.unassigned", Map.of("customerId", customer), Map.of("count", assetIds.size(),
                "assetIds", assetIds))));
        audit.recordAll(records);
        return new BatchResult(ids.size(), null, null, null);
    }

    /**
     * The SIM data usage of a standard account in [from, to), per simple customer (each of its simple customers the
     * caller may see, with the SIMs it holds now), and of the SIMs no simple customer held; 404 for any other account
 * (a vendor, a simple customer), as for one that does not exist. Recorded through
     * {@code POST /api/v1/assets/usage} by whom each SIM served when the usage was recorded. A customer user sees
     * only its own customers' rows.
     */
    public SimpleCustomerUsage usageBySimpleCustomer(Caller caller, UUID accountId, java.time.LocalDate from,
                                                     java.time.LocalDate to) {
        Subtree within = scope.within(caller, accountId);
        caller.require(Privilege.ASSETS_READ);
        ScopedAccount account = within.account();
        if (account.type() != AccountType.CUSTOMER || !scope.facts(caller, account.id())
                .map(AccountFacts::mayHaveCustomers).orElse(false)) {
            throw new NotFoundException(); // kept for standard accounts only; for any other account it does not exist
        }
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        java.time.LocalDate start = from != null ? from : today.withDayOfMonth(1);
        java.time.LocalDate end = to != null ? to : start.plusMonths(1);
        if (!end.isAfter(start) || end.isAfter(start.plusYears(1))) {
            throw new InvalidInputException("to", "must be after from and at most a year after it");
        }
        Map<UUID, java.math.BigDecimal> usage = assets.usageBySimpleCustomer(account.id(),
                start.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                end.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        Map<UUID, Long> sims = assets.heldBy(account.id());
        List<SimpleCustomerUsage.Row> rows = new ArrayList<>();
        for (AccountView customer : accountManagement.list(caller, new AccountQuery(account.id(),
                AccountType.CUSTOMER, null, null, true, 500, null)).items()) {
            rows.add(new SimpleCustomerUsage.Row(customer.id(), customer.companyName(), customer.status(),
                    sims.getOrDefault(customer.id(), 0L), usage.getOrDefault(customer.id(), java.math.BigDecimal.ZERO)));
        }
        SimpleCustomerUsage.Row unheld = within.whole() ? new SimpleCustomerUsage.Row(null, null, null,
                sims.getOrDefault(null, 0L), usage.getOrDefault(null, java.math.BigDecimal.ZERO)) : null;
        return new SimpleCustomerUsage(account.id(), start, end, rows, unheld);
    }

    /** Whether the account is a simple customer of a customer (a standard account's simple customer). */
    private boolean simpleCustomerOfACustomer(Caller caller, ScopedAccount account) {
        return account.vendorId() != null && scope.facts(caller, account.vendorId())
                .map(vendor -> vendor.type() == AccountType.CUSTOMER).orElse(false);
    }

    // --------------------------------------------------------------------------------------------- helpers

    /** The asset if the caller covers its owner or the customer it is assigned to; else 404 as for a missing id. */
    private AssetView visible(Caller caller, UUID assetId) {
        AssetView asset = assets.find(assetId).orElseThrow(NotFoundException::new);
        if (!caller.covers(asset.ownerPath()) && !caller.covers(asset.customerPath())
                && !caller.covers(asset.simpleCustomerPath())) {
            throw new NotFoundException();
        }
        licences.requireAt(asset.ownerPath(), Feature.SIM_MANAGEMENT);
        return asset;
    }

    /** An account that keeps an inventory (a reseller or the provider), with ASSETS_MANAGE. */
    private ScopedAccount inventoryOf(Caller caller, UUID accountId) {
        ScopedAccount owner = scope.require(caller, accountId);
        caller.require(Privilege.ASSETS_MANAGE);
        if (owner.type() == AccountType.CUSTOMER) {
            throw RuleViolationException.unprocessable(Problem.INVENTORY_OF_A_VENDOR,
                    "SIMs are kept in the inventory of a reseller or of the provider, which assigns them to customers.");
        }
        licences.require(owner, Feature.SIM_MANAGEMENT);
        return owner;
    }

    /** The owner's SIMs among these ids, locked. */
    private Map<UUID, AssetView> owned(UUID ownerId, List<UUID> ids) {
        Map<UUID, AssetView> owned = new HashMap<>();
        assets.lockOwned(ownerId, ids).forEach(a -> owned.put(a.id(), a));
        return owned;
    }

    /** Every requested id must be the owner's and pass the check (null: fine); else 422 naming each bad index. */
    private static void requireAll(List<UUID> requested, Map<UUID, AssetView> owned,
                                   Function<AssetView, String> check) {
        requireAll(requested, owned, "is not a SIM of this account's inventory", check);
    }

    private static void requireAll(List<UUID> requested, Map<UUID, AssetView> owned, String missing,
                                   Function<AssetView, String> check) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            AssetView asset = owned.get(requested.get(i));
            String problem = asset == null ? missing : check.apply(asset);
            if (problem != null) {
                problems.add(new FieldProblem("assetIds[" + i + "]", problem));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static RuleViolationException ownUsersOnly() {
        return new RuleViolationException(Problem.OWN_USERS_ONLY,
                "Only the account's own users assign its SIMs to its customers; its vendor's staff may not, "
                        + "also not when acting on behalf.");
    }
}
