package io.cascade.payments.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.payments.internal.DirectDebitCreditorIds;
import io.cascade.payments.internal.MandateRules;
import io.cascade.payments.internal.MandateStore;
import io.cascade.payments.internal.MandateStore.StoredMandate;
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
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SEPA Direct Debit mandates (ADR 0030): an issuer records the mandate each buyer signed for it, at most one active per
 * buyer; the issuer sees its buyers' mandates, a buyer its own. Also the issuer's creditor identifier. Every change is
 * audited on the buyer's account (a mandate) or the issuer's (its settings).
 */
@Service
public class Mandates {
    private final MandateStore store;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;

    Mandates(MandateStore store, AccountScope scope, Validation validation, AuditTrail audit, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------------ settings

    public DirectDebitSettings settings(Caller caller, UUID issuerId) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        caller.require(Privilege.BILLING_READ);
        return new DirectDebitSettings(store.creditorId(issuer.id()).orElse(null));
    }

    /** Sets the issuer's creditor identifier (null or blank: removes it). */
    @Transactional
    public DirectDebitSettings updateSettings(Caller caller, UUID issuerId, DirectDebitSettings request) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        caller.require(Privilege.BILLING_MANAGE);
        validation.check(request);
        String id = DirectDebitCreditorIds.compact(request.creditorId());
        if (id != null) {
            String problem = DirectDebitCreditorIds.problem(id);
            if (problem != null) {
                throw new InvalidInputException("creditorId", problem);
            }
        }
        store.lockCreditor(issuer.id());
        DirectDebitSettings before = new DirectDebitSettings(store.creditorId(issuer.id()).orElse(null));
        store.setCreditorId(issuer.id(), id, caller.userId(), clock.instant());
        DirectDebitSettings after = new DirectDebitSettings(id);
        audit.record(new AuditRecord(caller, issuer.id(), issuer.path(), "payments.direct-debit-settings-changed",
                before, after));
        return after;
    }

    // ------------------------------------------------------------------------------------------------ mandates

    @Transactional
    public MandateView create(Caller caller, UUID issuerId, MandateRequest request) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        caller.require(Privilege.BILLING_MANAGE);
        validation.check(request);
        ScopedAccount buyer;
        try {
            buyer = scope.require(caller, request.buyerId());
        } catch (NotFoundException e) {
            buyer = null;
        }
        if (buyer == null || buyer.id().equals(issuer.id()) || !buyer.path().startsWith(issuer.path())) {
            throw new InvalidInputException("buyerId", "is not a buyer below this issuer");
        }
        MandateRules.Checked checked = MandateRules.checked(request, LocalDate.now(clock));
        Instant now = clock.instant();
        if (store.referenceTaken(issuer.id(), checked.reference())) {
            throw new RuleViolationException(Problem.MANDATE_REFERENCE_TAKEN, "The issuer has a mandate with the "
                    + "reference " + checked.reference() + " already.",
                    Map.of("errors", List.of(new FieldProblem("reference", "is taken by another mandate"))));
        }
        if (store.active(issuer.id(), buyer.id()).isPresent()) {
            throw RuleViolationException.conflict(Problem.MANDATE_ACTIVE, "The buyer has an active mandate for this "
                    + "issuer; revoke it before recording a new one.");
        }
        UUID id = UUID.randomUUID();
        store.insert(id, issuer.id(), issuer.path(), buyer.id(), buyer.path(), checked.reference(),
                checked.signedOn(), checked.debtorName(), checked.iban(), checked.bic(), caller.userId(), now);
        MandateView view = store.find(id).orElseThrow().view();
        audit.record(new AuditRecord(caller, buyer.id(), buyer.path(), "payments.mandate-created", null, view));
        return view;
    }

    /** One mandate, for the issuer side or the buyer side. */
    public MandateView get(Caller caller, UUID mandateId) {
        StoredMandate mandate = visible(caller, mandateId);
        caller.require(Privilege.BILLING_READ);
        return mandate.view();
    }

    /**
     * The mandates the account holds as issuer ({@code role} ISSUER, the default; of one buyer with {@code buyerId})
     * or has given as buyer (BUYER), newest first.
     */
    public Page<MandateView> list(Caller caller, UUID accountId, String role, UUID buyerId, MandateStatus status,
                                  Integer limit, String cursor) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_READ);
        boolean asIssuer = role == null || role.equals("ISSUER");
        if (!asIssuer && !role.equals("BUYER")) {
            throw new InvalidInputException("role", "must be ISSUER or BUYER");
        }
        if (buyerId != null && !asIssuer) {
            throw new InvalidInputException("buyerId", "is only for role ISSUER");
        }
        int size = Cursors.limit(limit);
        String after = Cursors.decode("mandate", cursor);
        String[] key = null;
        if (after != null) {
            key = after.split("\\|");
            try {
                Instant.parse(key[0]);
                UUID.fromString(key[1]);
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "is not a cursor of this list");
            }
        }
        List<MandateView> rows = store.list(account.id(), asIssuer, buyerId, status, key, size + 1).stream()
                .map(StoredMandate::view).toList();
        List<MandateView> page = rows.stream().limit(size).toList();
        String next = rows.size() > size ? Cursors.encode("mandate", page.get(size - 1).createdAt() + "|"
                + page.get(size - 1).id()) : null;
        return new Page<>(page, next);
    }

    /** Revokes an active mandate (either side may): collections no longer use it. */
    @Transactional
    public MandateView revoke(Caller caller, UUID mandateId, MandateRevocation request) {
        visible(caller, mandateId);
        caller.require(Privilege.BILLING_MANAGE);
        if (request != null) {
            validation.check(request);
        }
        String reason = request == null || request.reason() == null || request.reason().isBlank() ? null
                : request.reason().strip();
        return revoke(caller, mandateId, reason);
    }

    /** Revokes the mandate (checked by the caller); the same for a person and for a return that voids it. */
    @Transactional
    MandateView revoke(Caller caller, UUID mandateId, String reason) {
        StoredMandate mandate = store.lock(mandateId).orElseThrow(NotFoundException::new);
        if (mandate.view().status() == MandateStatus.REVOKED) {
            throw RuleViolationException.conflict(Problem.MANDATE_REVOKED, "The mandate "
                    + mandate.view().reference() + " was revoked already.");
        }
        store.revoke(mandateId, reason, caller.userId(), clock.instant());
        MandateView after = store.find(mandateId).orElseThrow().view();
        Map<String, Object> before = new HashMap<>();
        before.put("mandateId", mandateId);
        before.put("status", mandate.view().status());
        audit.record(new AuditRecord(caller, after.buyerAccountId(), mandate.buyerPath(), "payments.mandate-revoked",
                before, after));
        return after;
    }

    private StoredMandate visible(Caller caller, UUID mandateId) {
        StoredMandate mandate = store.find(mandateId).orElseThrow(NotFoundException::new);
        if (!caller.covers(mandate.issuerPath()) && !caller.covers(mandate.buyerPath())) {
            throw new NotFoundException();
        }
        return mandate;
    }
}
