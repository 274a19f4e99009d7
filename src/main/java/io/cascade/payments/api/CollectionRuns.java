package io.cascade.payments.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.api.Balances;
import io.cascade.billing.api.BillingSettings;
import io.cascade.billing.api.BuyerPaymentRequest;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.InvoiceStatus;
import io.cascade.billing.api.InvoiceView;
import io.cascade.billing.api.OpenInvoice;
import io.cascade.billing.api.PaymentMethod;
import io.cascade.billing.api.PaymentReturnView;
import io.cascade.billing.api.PaymentView;
import io.cascade.payments.internal.CollectionFiles;
import io.cascade.payments.internal.CollectionStore;
import io.cascade.payments.internal.CollectionStore.StoredItem;
import io.cascade.payments.internal.CollectionStore.StoredRun;
import io.cascade.payments.internal.MandateStore;
import io.cascade.payments.internal.MandateStore.StoredMandate;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SEPA Direct Debit collection runs (ADR 0030). The issuer starts a run for a collection date: every open EUR invoice
 * due by that date of a buyer with an active mandate, not in a pending run already, becomes an item, and the run's
 * {@code pain.008.001.08} file is written and kept. Once the day has come the issuer confirms the run as collected:
 * each item's payment is recorded through billing's {@link Balances} (method DIRECT_DEBIT, paid on the collection
 * date) and first mandates become recurrent. A collected item the bank returned is recorded with its reason code: the
 * payment is returned in the ledger (the invoice is open again), and a code that voids the mandate revokes it.
 */
@Service
public class CollectionRuns {
    /** SEPA Direct Debit collects euros only. */
    static final String EURO = "EUR";

    private final CollectionStore store;
    private final MandateStore mandates;
    private final Mandates mandateService;
    private final Balances balances;
    private final InvoiceManagement invoices;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;

    CollectionRuns(CollectionStore store, MandateStore mandates, Mandates mandateService, Balances balances,
                   InvoiceManagement invoices, AccountScope scope, Validation validation, AuditTrail audit,
                   Clock clock) {
        this.store = store;
        this.mandates = mandates;
        this.mandateService = mandateService;
        this.balances = balances;
        this.invoices = invoices;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    /** Starts a run: collects the due invoices of the buyers with an active mandate and writes the file. */
    @Transactional
    public CollectionView start(Caller caller, UUID issuerId, CollectionRequest request) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        caller.require(Privilege.BILLING_MANAGE);
        validation.check(request);
        LocalDate today = LocalDate.now(clock);
        LocalDate date = request.collectionDate();
        if (date.isBefore(today)) {
            throw new InvalidInputException("collectionDate", "must not lie in the past");
        }
        String creditorId = mandates.lockCreditor(issuer.id()).orElse(null);
        BillingSettings.Payment account = invoices.versionedSettings(caller, issuer.id()).settings().payment();
        if (creditorId == null || account == null || account.iban() == null) {
            throw new RuleViolationException(Problem.DIRECT_DEBIT_NOT_SET_UP, "A collection needs the issuer's SEPA "
                    + "creditor identifier (direct-debit settings) and its bank account (payment settings).",
                    Map.of("creditorId", creditorId != null, "iban", account != null && account.iban() != null));
        }
        Map<UUID, StoredMandate> byBuyer = mandates.activeOf(issuer.id()).stream()
                .collect(Collectors.toMap(m -> m.view().buyerAccountId(), Function.identity()));
        List<OpenInvoice> open = balances.openInvoices(caller, issuer.id(), byBuyer.keySet(), EURO, date);
        Set<UUID> pending = open.isEmpty() ? Set.of()
                : store.pendingInvoices(open.stream().map(OpenInvoice::invoiceId).toList());
        UUID id = UUID.randomUUID();
        String messageId = "DD" + id.toString().replace("-", "").substring(0, 28);
        List<CollectionStore.NewItem> items = new ArrayList<>();
        List<CollectionFiles.Transaction> transactions = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (OpenInvoice invoice : open) {
            if (pending.contains(invoice.invoiceId())) {
                continue;
            }
            StoredMandate mandate = byBuyer.get(invoice.buyerAccountId());
            MandateView m = mandate.view();
            UUID itemId = UUID.randomUUID();
            BigDecimal amount = invoice.amountDue().amount();
            items.add(new CollectionStore.NewItem(itemId, invoice.buyerAccountId(), mandate.buyerPath(),
                    invoice.invoiceId(), invoice.number(), m.id(), m.sequence(), amount));
            String endToEnd = invoice.number().length() <= 35 ? invoice.number()
                    : itemId.toString().replace("-", "");
            transactions.add(new CollectionFiles.Transaction(endToEnd, amount, m.sequence(), m.reference(),
                    m.signedOn(), m.debtorName(), m.iban(), m.bic(), invoice.number()));
            sum = sum.add(amount);
        }
        if (items.isEmpty()) {
            throw new RuleViolationException(Problem.NOTHING_TO_COLLECT, "No open EUR invoice due by " + date
                    + " of a buyer with an active mandate is left to collect.",
                    Map.of("activeMandates", byBuyer.size()));
        }
        Instant now = clock.instant();
        String file = CollectionFiles.write(messageId, now.atOffset(ZoneOffset.UTC), date,
                new CollectionFiles.Creditor(account.accountHolder(), account.iban(), account.bic(), creditorId),
                transactions);
        store.insert(id, issuer.id(), issuer.path(), date, EURO, sum, messageId, file, items, caller.userId(), now);
        CollectionView view = withItems(store.find(id).orElseThrow());
        audit.record(new AuditRecord(caller, issuer.id(), issuer.path(), "payments.collection-created", null,
                Map.of("collectionId", id, "collectionDate", date.toString(), "messageId", messageId,
                        "itemCount", items.size(), "controlSum", view.controlSum())));
        return view;
    }

    /** The issuer's runs, newest first (without their items). */
    public Page<CollectionView> list(Caller caller, UUID issuerId, Integer limit, String cursor) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        caller.require(Privilege.BILLING_READ);
        int size = Cursors.limit(limit);
        String after = Cursors.decode("collection", cursor);
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
        List<CollectionView> rows = store.list(issuer.id(), key, size + 1).stream().map(StoredRun::view).toList();
        List<CollectionView> page = rows.stream().limit(size).toList();
        String next = rows.size() > size ? Cursors.encode("collection", page.get(size - 1).createdAt() + "|"
                + page.get(size - 1).id()) : null;
        return new Page<>(page, next);
    }

    /** One run with its items. */
    public CollectionView get(Caller caller, UUID runId) {
        StoredRun run = visible(caller, runId);
        caller.require(Privilege.BILLING_READ);
        return withItems(run);
    }

    /** The run's pain.008 file, as it was written. */
    public String file(Caller caller, UUID runId) {
        visible(caller, runId);
        caller.require(Privilege.BILLING_READ);
        return store.file(runId).orElseThrow(NotFoundException::new);
    }

    /**
     * The issuer confirms that the bank collected the run (on or after its collection date): every pending item's
     * payment is recorded (DIRECT_DEBIT, paid on the collection date) for its invoice, and first mandates become
     * recurrent.
     */
    @Transactional
    public CollectionView confirm(Caller caller, UUID runId) {
        issuerDecides(caller, store.find(runId).orElseThrow(NotFoundException::new), store.buyerPaths(runId));
        CollectionView run = store.lock(runId).orElseThrow().view();
        if (run.status() != CollectionStatus.PENDING) {
            throw RuleViolationException.conflict(Problem.NOT_PENDING, "The collection was confirmed already.");
        }
        if (LocalDate.now(clock).isBefore(run.collectionDate())) {
            throw RuleViolationException.conflict(Problem.COLLECTION_NOT_DUE, "The collection is due on "
                    + run.collectionDate() + "; confirm it as collected from that day on.");
        }
        Set<UUID> first = new LinkedHashSet<>();
        BigDecimal collected = BigDecimal.ZERO;
        for (StoredItem stored : store.items(runId)) {
            CollectionItemView item = stored.view();
            if (item.status() != CollectionItemStatus.PENDING) {
                continue;
            }
            InvoiceView invoice = invoices.get(caller, item.invoiceId());
            List<BuyerPaymentRequest.Allocation> allocations = null;
            if (invoice.status() == InvoiceStatus.OPEN && invoice.amountDue().amount().signum() > 0) {
                allocations = List.of(new BuyerPaymentRequest.Allocation(invoice.id(), new Money(
                        item.amount().amount().min(invoice.amountDue().amount()), item.amount().currency())));
            }
            PaymentView payment = balances.recordPayment(caller, run.issuerAccountId(), item.buyerAccountId(),
                    new BuyerPaymentRequest(item.amount(), run.collectionDate(), "SEPA direct debit "
                            + item.invoiceNumber() + ", mandate " + item.mandateReference(), PaymentMethod.DIRECT_DEBIT,
                            allocations));
            store.collected(item.id(), payment.id());
            collected = collected.add(item.amount().amount());
            if (item.sequence() == MandateSequence.FRST) {
                first.add(item.mandateId());
            }
        }
        mandates.recurrent(first);
        store.confirmed(runId, caller.userId(), clock.instant());
        StoredRun after = store.find(runId).orElseThrow();
        ScopedAccount issuer = scope.require(caller, run.issuerAccountId());
        audit.record(new AuditRecord(caller, issuer.id(), issuer.path(), "payments.collection-confirmed",
                Map.of("collectionId", runId, "status", run.status()),
                Map.of("collectionId", runId, "status", after.view().status(), "collected",
                        new Money(collected, run.controlSum().currency()))));
        return withItems(after);
    }

    /**
     * The bank returned a collected item (an R-transaction): its payment is returned in the ledger, which opens the
     * invoice again; a reason that voids the mandate (e.g. MD01 no mandate, AC04 account closed) revokes it.
     */
    @Transactional
    public CollectionItemView returnItem(Caller caller, UUID runId, UUID itemId, CollectionReturnRequest request) {
        StoredRun stored = store.find(runId).orElseThrow(NotFoundException::new);
        StoredItem found = store.items(runId).stream().filter(i -> i.view().id().equals(itemId)).findFirst()
                .orElse(null);
        if (found == null) {
            throw new NotFoundException();
        }
        issuerDecides(caller, stored, List.of(found.buyerPath()));
        validation.check(request);
        CollectionView run = store.lock(runId).orElseThrow().view();
        CollectionItemView item = store.items(runId).stream().map(StoredItem::view)
                .filter(i -> i.id().equals(itemId)).findFirst().orElseThrow(NotFoundException::new);
        if (item.status() != CollectionItemStatus.COLLECTED) {
            throw RuleViolationException.conflict(Problem.NOT_COLLECTED, "The item is " + item.status()
                    + "; only a collected item (its payment recorded) can be returned.");
        }
        LocalDate on = request.returnedOn() == null ? LocalDate.now(clock) : request.returnedOn();
        if (on.isBefore(run.collectionDate())) {
            throw new InvalidInputException("returnedOn", "must not lie before the collection date, "
                    + run.collectionDate());
        }
        DirectDebitReturnReason reason = request.reason();
        PaymentReturnView returned = balances.returnPayment(caller, item.paymentId(), on,
                reason.name() + " " + reason.description());
        store.returned(itemId, returned.id(), reason, on);
        boolean revoked = false;
        if (reason.revokesMandate()) {
            StoredMandate mandate = mandates.find(item.mandateId()).orElseThrow();
            if (mandate.view().status() == MandateStatus.ACTIVE) {
                mandateService.revoke(caller, item.mandateId(), "Return " + reason.name() + ": "
                        + reason.description());
                revoked = true;
            }
        }
        StoredItem after = store.items(runId).stream().filter(i -> i.view().id().equals(itemId)).findFirst()
                .orElseThrow();
        audit.record(new AuditRecord(caller, item.buyerAccountId(), after.buyerPath(),
                "payments.collection-item-returned", Map.of("itemId", itemId, "status", item.status()),
                Map.of("itemId", itemId, "collectionId", runId, "invoiceId", item.invoiceId(), "status",
                        after.view().status(), "reason", reason.name(), "returnedOn", on.toString(), "returnId",
                        returned.id(), "mandateRevoked", revoked)));
        return after.view();
    }

    /**
     * A change of the run: the issuer side with BILLING_MANAGE. A caller who covers only a buyer the run (or item)
     * collects from has the privilege checked and then hears that the issuer decides (as for invoices); anyone else:
     * 404.
     */
    private static void issuerDecides(Caller caller, StoredRun run, List<String> buyerPaths) {
        boolean issuer = caller.covers(run.issuerPath());
        if (!issuer && buyerPaths.stream().noneMatch(caller::covers)) {
            throw new NotFoundException();
        }
        caller.require(Privilege.BILLING_MANAGE);
        if (!issuer) {
            throw new RuleViolationException(Problem.ISSUER_DECIDES,
                    "A collection is confirmed, and its returns recorded, by its issuer.");
        }
    }

    private StoredRun visible(Caller caller, UUID runId) {
        StoredRun run = store.find(runId).orElseThrow(NotFoundException::new);
        if (!caller.covers(run.issuerPath())) {
            throw new NotFoundException();
        }
        return run;
    }

    private CollectionView withItems(StoredRun stored) {
        CollectionView v = stored.view();
        return new CollectionView(v.id(), v.issuerAccountId(), v.collectionDate(), v.status(), v.messageId(),
                v.itemCount(), v.controlSum(), v.createdAt(), v.confirmedAt(),
                store.items(v.id()).stream().map(StoredItem::view).toList());
    }
}
