package io.cascade.brands.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.Licences;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.brands.api.NewPanelHost;
import io.cascade.brands.api.PanelHostManagement;
import io.cascade.brands.api.PanelHostView;
import io.cascade.brands.api.VerifyPanelHost;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link PanelHostManagement}: every method starts with the subtree check and answers 404 for a customer account
 * (customers have no panel hosts), then checks the privilege. Attaching validates the name ({@link HostNames}),
 * keeps to the per-vendor limit (under a lock per vendor, so two requests cannot both take the last place) and relies
 * on the primary key for platform-wide uniqueness. Verifying by DNS looks outside any transaction, then records the
 * result; a verified host stays verified.
 */
@Service
class PanelHostService implements PanelHostManagement {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CURSOR = "panel-host";

    private final PanelHostStore hosts;
    private final HostVerifier verifier;
    private final PanelHostSettings settings;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Licences licences;

    PanelHostService(PanelHostStore hosts, HostVerifier verifier, PanelHostSettings settings, AccountScope scope,
                     Validation validation, AuditTrail audit, TransactionTemplate transactions, JdbcClient jdbc,
                     Clock clock, Licences licences) {
        this.licences = licences;
        this.hosts = hosts;
        this.verifier = verifier;
        this.settings = settings;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Page<PanelHostView> list(Caller caller, UUID accountId, Integer limit, String cursor) {
        ScopedAccount vendor = vendor(caller, accountId, false);
        int size = Cursors.limit(limit);
        String after = Cursors.decode(CURSOR, cursor);
        List<PanelHostStore.Row> rows = hosts.ofAccount(vendor.id(), after, size + 1);
        List<PanelHostView> page = rows.subList(0, Math.min(size, rows.size())).stream()
                .map(PanelHostStore.Row::view).toList();
        String next = rows.size() > size ? Cursors.encode(CURSOR, page.get(size - 1).host()) : null;
        return new Page<>(page, next);
    }

    @Override
    public PanelHostView get(Caller caller, UUID accountId, String host) {
        ScopedAccount vendor = vendor(caller, accountId, false);
        return row(vendor, host).view();
    }

    @Override
    public PanelHostView add(Caller caller, UUID accountId, NewPanelHost request) {
        ScopedAccount vendor = vendor(caller, accountId, true);
        List<FieldProblem> problems = new ArrayList<>();
        String host = null;
        if (request != null && request.host() != null && !request.host().isBlank()
                && request.host().length() <= 253) {
            HostNames.Checked checked = HostNames.check(request.host(), settings.reserved());
            if (checked instanceof HostNames.Valid valid) {
                host = valid.host();
            } else if (checked instanceof HostNames.Invalid invalid) {
                problems.add(new FieldProblem("host", invalid.message()));
            }
        }
        validation.check(request == null ? new NewPanelHost(null) : request, problems);
        String name = host;
        return transactions.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:key))").param("key", "panel_host:" + vendor.id())
                    .query().singleRow();
            if (hosts.countOf(vendor.id()) >= settings.perVendor()) {
                throw RuleViolationException.unprocessable(Problem.LIMIT_EXCEEDED, "A vendor has at most "
                        + settings.perVendor() + " panel hosts; remove one first.");
            }
            licences.requireSeat(vendor, Feature.WHITE_LABEL); // a panel host takes a seat (ADR 0038)
            if (!hosts.insert(name, vendor.id(), vendor.path(), newToken(), clock.instant())) {
                throw new RuleViolationException(Problem.PANEL_HOST_TAKEN,
                        "This host name is already attached; a host name belongs to one vendor only.");
            }
            PanelHostView created = hosts.find(name).orElseThrow().view();
            audit.record(new AuditRecord(caller, vendor.id(), vendor.path(), "panel-host.added", null,
                    Map.of("host", name)));
            return created;
        });
    }

    @Override
    public PanelHostView verify(Caller caller, UUID accountId, String host, VerifyPanelHost request) {
        ScopedAccount vendor = vendor(caller, accountId, true);
        boolean manual = request != null && request.byHand();
        if (manual && !providerStaff(caller)) {
            throw new RuleViolationException(Problem.PROVIDER_ONLY,
                    "Only the provider's staff mark a panel host verified by hand.");
        }
        PanelHostStore.Row row = row(vendor, host);
        if (row.verifiedAt() != null) {
            return row.view();
        }
        if (!manual) {
            HostVerifier.Outcome outcome = verifier.verify(row.host(), row.token());
            if (!outcome.verified()) {
                throw RuleViolationException.unprocessable(Problem.PANEL_HOST_UNVERIFIED, "The TXT record "
                        + HostVerifier.recordName(row.host()) + " does not hold this host's token (found: "
                        + outcome.found() + "). Publish it and try again; DNS changes may take a while to show.");
            }
        }
        String method = manual ? PanelHostView.Method.MANUAL.name() : PanelHostView.Method.DNS.name();
        return transactions.execute(status -> {
            PanelHostStore.Row current = hosts.find(row.host()).filter(r -> r.accountId().equals(vendor.id()))
                    .orElseThrow(NotFoundException::new);
            if (current.verifiedAt() != null) {
                return current.view();
            }
            hosts.markVerified(row.host(), method, caller.userId(), clock.instant());
            PanelHostView verified = hosts.find(row.host()).orElseThrow().view();
            audit.record(new AuditRecord(caller, vendor.id(), vendor.path(), "panel-host.verified",
                    Map.of("host", row.host(), "state", PanelHostView.State.UNVERIFIED),
                    Map.of("host", row.host(), "state", PanelHostView.State.VERIFIED, "method", method,
                            "verifiedBy", caller.email() == null ? "system" : caller.email())));
            return verified;
        });
    }

    @Override
    public void remove(Caller caller, UUID accountId, String host) {
        ScopedAccount vendor = vendor(caller, accountId, true);
        PanelHostStore.Row row = row(vendor, host);
        transactions.executeWithoutResult(status -> {
            hosts.delete(row.host());
            audit.record(new AuditRecord(caller, vendor.id(), vendor.path(), "panel-host.removed",
                    Map.of("host", row.host(), "state", row.view().state()), null));
        });
    }

    /**
     * The account, when the caller covers it (else 404), holds the privilege (else 403: on any account it covers) and
     * the account is a vendor (a customer has no panel hosts: 404).
     */
    private ScopedAccount vendor(Caller caller, UUID accountId, boolean write) {
        ScopedAccount vendor = scope.vendorSettings(caller, accountId, write);
        licences.require(vendor, Feature.WHITE_LABEL); // panel hosts are white label (ADR 0038)
        return vendor;
    }

    /** The vendor's host of that name; any other name (invalid, unknown, another vendor's): 404. */
    private PanelHostStore.Row row(ScopedAccount vendor, String host) {
        return HostNames.normalised(host).flatMap(hosts::find).filter(r -> r.accountId().equals(vendor.id()))
                .orElseThrow(NotFoundException::new);
    }

    /** A staff member of the provider itself (also while acting on behalf of an account below). */
    private boolean providerStaff(Caller caller) {
        return caller.isStaff() && caller.userId() != null
                && scope.provider().map(p -> p.id().equals(caller.homeAccountId())).orElse(false);
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "cascade-verify=" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
