package io.cascade.billing.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.internal.BalanceStore;
import io.cascade.billing.internal.BalanceStore.Pair;
import io.cascade.billing.internal.InvoiceStore;
import io.cascade.billing.internal.StatementDocuments;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The money between an issuer and each of its buyers (ADR 0027, docs/billing.md "Balances"): payments received and
 * allocated to invoices, the buyer's credit (what is not allocated) and its refunds, write-offs, and the statement of
 * account. The issuer side records; both sides read the statement. Every change locks the pair's balance row first
 * and is audited on the buyer's account.
 */
@Service
public class Balances {
    private final BalanceStore store;
    private final InvoiceStore invoices;
    private final StatementDocuments documents;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Balances(BalanceStore store, InvoiceStore invoices, StatementDocuments documents, AccountScope scope,
             Validation validation, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.invoices = invoices;
        this.documents = documents;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The issuer and the buyer, both reached by the caller, the buyer below the issuer. */
    private record Parties(ScopedAccount issuer, ScopedAccount buyer) {
    }

    private Parties parties(Caller caller, UUID issuerId, UUID buyerId, Privilege privilege) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        ScopedAccount buyer = scope.require(caller, buyerId);
        caller.require(privilege);
        if (buyer.id().equals(issuer.id()) || !buyer.path().startsWith(issuer.path())) {
            throw new NotFoundException();
        }
        return new Parties(issuer, buyer);
    }

    // ------------------------------------------------------------------------------------------------ payments

    @Transactional
    public PaymentView recordPayment(Caller caller, UUID issuerId, UUID buyerId, BuyerPaymentRequest request) {
        Movement movement = movement(caller, issuerId, buyerId, request, request.amount(), request.paidOn(), "paidOn");
        Parties parties = movement.parties();
        LocalDate paidOn = movement.day();
        String currency = movement.pair().currency();
        Pair pair = movement.pair();
        Instant now = movement.now();
        BigDecimal creditBefore = movement.credit();
        Map<UUID, BigDecimal> plan = new LinkedHashMap<>();
        if (request.allocations() != null && !request.allocations().isEmpty()) {
            Set<UUID> seen = new HashSet<>();
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < request.allocations().size(); i++) {
                BuyerPaymentRequest.Allocation a = request.allocations().get(i);
                String field = "allocations[" + i + "]";
                if (!seen.add(a.invoiceId())) {
                    throw new InvalidInputException(field + ".invoiceId", "appears twice");
                }
                InvoiceView invoice = invoices.find(a.invoiceId())
                        .filter(v -> v.issuerAccountId().equals(issuerId) && v.buyerAccountId().equals(buyerId))
                        .orElseThrow(() -> new InvalidInputException(field + ".invoiceId",
                                "is not an invoice of this issuer to this buyer"));
                if (!a.amount().currency().getCurrencyCode().equals(currency)
                        || !invoice.currency().equals(currency)) {
                    throw mismatch(currency, invoice.currency().equals(currency)
                            ? a.amount().currency().getCurrencyCode() : invoice.currency());
                }
                requirePositive(a.amount(), field + ".amount.amount");
                invoice = invoices.lock(invoice.id()).orElseThrow();
                requirePayable(invoice);
                if (a.amount().amount().compareTo(invoice.amountDue().amount()) > 0) {
                    throw overpayment(invoice);
                }
                sum = sum.add(a.amount().amount());
                plan.put(invoice.id(), a.amount().amount());
            }
            if (sum.compareTo(request.amount().amount()) > 0) {
                throw new InvalidInputException("allocations", "allocate " + sum.toPlainString()
                        + ", more than the payment's " + request.amount().amount().toPlainString());
            }
        } else {
            BigDecimal left = request.amount().amount();
            for (BalanceStore.Due due : store.openInvoices(pair)) {
                if (left.signum() <= 0) {
                    break;
                }
                BigDecimal amount = left.min(due.due());
                if (amount.signum() > 0) {
                    plan.put(due.invoiceId(), amount);
                    left = left.subtract(amount);
                }
            }
        }
        return receive(caller, parties.issuer().path(), parties.buyer().path(), pair, null, request.amount(), paidOn,
                request.reference(), request.method(), plan, creditBefore, now);
    }

    /**
     * A payment recorded for one invoice ({@code POST /invoices/{id}/payments}): it pays the invoice up to what is
     * due; an overpayment is the buyer's credit with the issuer.
     */
    @Transactional
    InvoiceView payInvoice(Caller caller, InvoiceView found, PaymentRequest request) {
        validation.check(request);
        if (found.kind() != InvoiceKind.INVOICE) {
            throw RuleViolationException.conflict(Problem.NOT_PAYABLE, "A credit note is not paid.");
        }
        if (!request.amount().currency().getCurrencyCode().equals(found.currency())) {
            throw new InvalidInputException("amount.currency", "must be the invoice's currency, " + found.currency());
        }
        requirePositive(request.amount(), "amount.amount");
        LocalDate paidOn = day(request.paidOn(), "paidOn");
        Pair pair = new Pair(found.issuerAccountId(), found.buyerAccountId(), found.currency());
        Instant now = clock.instant();
        BigDecimal creditBefore = store.lockCredit(pair, now);
        InvoiceView invoice = invoices.lock(found.id()).orElseThrow();
        requirePayable(invoice);
        Map<UUID, BigDecimal> plan = Map.of(invoice.id(), request.amount().amount().min(invoice.amountDue().amount()));
        receive(caller, invoice.issuerPath(), invoice.buyerPath(), pair, invoice.id(), request.amount(), paidOn,
                request.reference(), null, plan, creditBefore, now);
        return invoices.find(invoice.id()).orElseThrow();
    }

    private PaymentView receive(Caller caller, String issuerPath, String buyerPath, Pair pair, UUID recordedFor,
                                Money amount, LocalDate paidOn, String reference, PaymentMethod method,
                                Map<UUID, BigDecimal> plan, BigDecimal creditBefore, Instant now) {
        UUID id = UUID.randomUUID();
        PaymentMethod how = method == null ? PaymentMethod.BANK_TRANSFER : method;
        store.insertPayment(id, pair, issuerPath, buyerPath, recordedFor, amount.amount(), paidOn, reference, how,
                caller.userId(), now);
        BigDecimal rest = amount.amount();
        List<Map<String, Object>> allocated = new ArrayList<>();
        for (var entry : plan.entrySet()) {
            store.allocate(pair, entry.getKey(), entry.getValue(), id, BalanceStore.Source.PAYMENT, caller.userId(),
                    now);
            rest = rest.subtract(entry.getValue());
            allocated.add(Map.of("invoiceId", entry.getKey(), "amount", entry.getValue().toPlainString()));
        }
        if (rest.signum() > 0) {
            store.addCredit(pair, rest, now);
        }
        Currency c = amount.currency();
        audit.record(new AuditRecord(caller, pair.buyerId(), buyerPath, "billing.payment-recorded",
                Map.of("credit", new Money(creditBefore, c)),
                Map.of("paymentId", id, "issuerId", pair.issuerId(), "amount", amount, "paidOn", paidOn.toString(),
                        "method", how.name(), "allocations", allocated, "credit",
                        new Money(creditBefore.add(rest), c))));
        UUID invoiceId = recordedFor != null ? recordedFor : plan.keySet().stream().findFirst().orElse(null);
        events.publishEvent(new PaymentRecorded(invoiceId, pair.buyerId(), amount, paidOn, reference, id,
                pair.issuerId()));
        return store.payment(id).orElseThrow().view();
    }

    public PaymentView payment(Caller caller, UUID paymentId) {
        BalanceStore.StoredPayment payment = store.payment(paymentId).orElseThrow(NotFoundException::new);
        if (!caller.covers(payment.issuerPath()) && !caller.covers(payment.buyerPath())) {
            throw new NotFoundException();
        }
        caller.require(Privilege.BILLING_READ);
        return payment.view();
    }

    /** The payments the issuer received from the buyer, newest first. */
    public Page<PaymentView> payments(Caller caller, UUID issuerId, UUID buyerId, Integer limit, String cursor) {
        parties(caller, issuerId, buyerId, Privilege.BILLING_READ);
        int size = Cursors.limit(limit);
        String after = Cursors.decode("payment", cursor);
        if (after != null && !after.matches("\\d{4}-\\d{2}-\\d{2}\\|[0-9a-f-]{36}")) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<PaymentView> rows = store.payments(issuerId, buyerId, after == null ? null : after.split("\\|"),
                size + 1).stream().map(BalanceStore.StoredPayment::view).toList();
        List<PaymentView> page = rows.stream().limit(size).toList();
        String next = rows.size() > size ? Cursors.encode("payment", page.get(size - 1).paidOn() + "|"
                + page.get(size - 1).id()) : null;
        return new Page<>(page, next);
    }

    /**
     * Records many payments the issuer received at once (payment intake: a bank statement), set-based: the pairs'
     * balance rows are locked in one order, then the invoices, and payments, allocations, invoices' payment state,
     * credits and audit events are written in a few statements for all of them. Each payment is checked as
     * {@link #recordPayment} checks one with explicit allocations; one {@link PaymentsRecorded} carries them all. Answers
     * the payments' ids in the order given.
     */
    @Transactional
    public List<UUID> recordPayments(Caller caller, UUID issuerId, List<ReceivedPayment> payments) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        caller.require(Privilege.BILLING_MANAGE);
        if (payments.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> buyerPaths = store.paths(payments.stream().map(ReceivedPayment::buyerId).distinct()
                .toList());
        LocalDate today = LocalDate.now(clock);
        Set<UUID> invoiceIds = new HashSet<>();
        for (ReceivedPayment p : payments) {
            String path = buyerPaths.get(p.buyerId());
            if (path == null || !caller.covers(path) || path.equals(issuer.path())
                    || !path.startsWith(issuer.path())) {
                throw new NotFoundException();
            }
            requirePositive(p.amount(), "amount.amount");
            if (p.paidOn().isAfter(today)) {
                throw new InvalidInputException("paidOn", "must not lie in the future");
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (BuyerPaymentRequest.Allocation a : p.allocations()) {
                if (!a.amount().currency().equals(p.amount().currency())) {
                    throw mismatch(p.amount().currency().getCurrencyCode(), a.amount().currency().getCurrencyCode());
                }
                requirePositive(a.amount(), "allocations.amount.amount");
                sum = sum.add(a.amount().amount());
                invoiceIds.add(a.invoiceId());
            }
            if (sum.compareTo(p.amount().amount()) > 0) {
                throw new InvalidInputException("allocations", "allocate " + sum.toPlainString()
                        + ", more than the payment's " + p.amount().amount().toPlainString());
            }
        }
        Instant now = clock.instant();
        List<Pair> pairs = payments.stream().map(p -> new Pair(issuerId, p.buyerId(),
                p.amount().currency().getCurrencyCode())).distinct().toList();
        Map<Pair, BigDecimal> credits = store.lockCredits(pairs, now);
        Map<UUID, BalanceStore.LockedInvoice> locked = store.lockInvoices(invoiceIds);
        Map<UUID, BigDecimal> allocatedTo = new HashMap<>();
        for (ReceivedPayment p : payments) {
            for (BuyerPaymentRequest.Allocation a : p.allocations()) {
                BalanceStore.LockedInvoice invoice = locked.get(a.invoiceId());
                if (invoice == null || !invoice.issuerId().equals(issuerId) || !invoice.buyerId().equals(p.buyerId())) {
                    throw new InvalidInputException("allocations.invoiceId",
                            "is not an invoice of this issuer to this buyer");
                }
                if (!invoice.currency().equals(p.amount().currency().getCurrencyCode())) {
                    throw mismatch(p.amount().currency().getCurrencyCode(), invoice.currency());
                }
                if (!invoice.kind().equals(InvoiceKind.INVOICE.name()) || !invoice.status().equals("OPEN")
                        || invoice.due().signum() <= 0) {
                    throw RuleViolationException.conflict(Problem.NOT_PAYABLE, "Invoice " + invoice.number()
                            + " is " + invoice.status() + "; nothing is due on it.");
                }
                BigDecimal total = allocatedTo.merge(a.invoiceId(), a.amount().amount(), BigDecimal::add);
                if (total.compareTo(invoice.due()) > 0) {
                    throw new RuleViolationException(Problem.OVERPAYMENT, "Invoice " + invoice.number() + " has "
                            + invoice.due().toPlainString() + " " + invoice.currency() + " due.",
                            Map.of("amountDue", new Money(invoice.due(), p.amount().currency())));
                }
            }
        }
        List<UUID> ids = new ArrayList<>(payments.size());
        List<AuditRecord> records = new ArrayList<>(payments.size());
        Map<Pair, BigDecimal> rests = new LinkedHashMap<>();
        List<PaymentRecorded> recorded = new ArrayList<>(payments.size());
        for (ReceivedPayment p : payments) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            Pair pair = new Pair(issuerId, p.buyerId(), p.amount().currency().getCurrencyCode());
            BigDecimal rest = p.amount().amount();
            List<Map<String, Object>> allocated = new ArrayList<>();
            for (BuyerPaymentRequest.Allocation a : p.allocations()) {
                rest = rest.subtract(a.amount().amount());
                allocated.add(Map.of("invoiceId", a.invoiceId(), "amount", a.amount().amount().toPlainString()));
            }
            BigDecimal before = credits.get(pair).add(rests.getOrDefault(pair, BigDecimal.ZERO));
            rests.merge(pair, rest, BigDecimal::add);
            PaymentMethod how = p.method() == null ? PaymentMethod.BANK_TRANSFER : p.method();
            Currency c = p.amount().currency();
            records.add(new AuditRecord(caller, p.buyerId(), buyerPaths.get(p.buyerId()), "billing.payment-recorded",
                    Map.of("credit", new Money(before, c)),
                    Map.of("paymentId", id, "issuerId", issuerId, "amount", p.amount(), "paidOn",
                            p.paidOn().toString(), "method", how.name(), "allocations", allocated, "credit",
                            new Money(before.add(rest), c))));
            recorded.add(new PaymentRecorded(p.allocations().isEmpty() ? null : p.allocations().get(0).invoiceId(),
                    p.buyerId(), p.amount(), p.paidOn(), p.reference(), id, issuerId));
        }
        store.insertPayments(ids, issuerId, issuer.path(), buyerPaths, payments, caller.userId(), now);
        store.addCredits(rests, now);
        audit.recordAll(records);
        events.publishEvent(new PaymentsRecorded(List.copyOf(recorded)));
        return ids;
    }

    /**
     * Every open invoice the issuer issued that still has something due, in one read (payment intake matches a whole
     * bank statement against them): oldest due first. The caller needs the privilege that records payments.
     */
    @Transactional(readOnly = true)
    public List<OpenInvoice> openInvoices(Caller caller, UUID issuerId) {
        scope.require(caller, issuerId);
        caller.require(Privilege.BILLING_MANAGE);
        return store.openInvoicesOf(issuerId);
    }

    // --------------------------------------------------------------------------------------- credit and invoices

    /** Pays an open invoice from the buyer's credit with its issuer. */
    @Transactional
    public InvoiceView allocate(Caller caller, UUID invoiceId, AllocationRequest request) {
        InvoiceView found = issuerSide(caller, invoiceId);
        Pair pair = pair(found);
        Instant now = clock.instant();
        BigDecimal credit = store.lockCredit(pair, now);
        InvoiceView invoice = invoices.lock(found.id()).orElseThrow();
        requirePayable(invoice);
        BigDecimal due = invoice.amountDue().amount();
        BigDecimal amount = amount(request, invoice, due.min(credit));
        if (amount.compareTo(credit) > 0 || credit.signum() == 0) {
            throw new RuleViolationException(Problem.INSUFFICIENT_CREDIT, "The buyer has " + credit.toPlainString()
                    + " " + pair.currency() + " of credit with this issuer.",
                    Map.of("credit", new Money(credit, currency(invoice))));
        }
        if (amount.compareTo(due) > 0) {
            throw overpayment(invoice);
        }
        store.allocate(pair, invoice.id(), amount, null, BalanceStore.Source.CREDIT, caller.userId(), now);
        store.addCredit(pair, amount.negate(), now);
        return audited(caller, invoice, "invoice.credit-allocated", amount, credit, credit.subtract(amount));
    }

    /** Takes what was paid of an invoice back to the buyer's credit (a payment allocated to the wrong invoice). */
    @Transactional
    public InvoiceView unallocate(Caller caller, UUID invoiceId, AllocationRequest request) {
        InvoiceView found = issuerSide(caller, invoiceId);
        Pair pair = pair(found);
        Instant now = clock.instant();
        BigDecimal credit = store.lockCredit(pair, now);
        InvoiceView invoice = invoices.lock(found.id()).orElseThrow();
        if (invoice.kind() != InvoiceKind.INVOICE || invoice.status() == InvoiceStatus.UNCOLLECTIBLE) {
            throw RuleViolationException.conflict(Problem.NOT_PAYABLE, "The invoice is " + invoice.status()
                    + "; nothing of it goes back to the credit.");
        }
        BigDecimal paid = invoice.amountPaid().amount();
        if (paid.signum() == 0) {
            throw RuleViolationException.conflict(Problem.NOT_PAYABLE, "Nothing was paid of this invoice.");
        }
        BigDecimal amount = amount(request, invoice, paid);
        if (amount.compareTo(paid) > 0) {
            throw new InvalidInputException("amount.amount", "must not exceed the " + paid.toPlainString()
                    + " paid of the invoice");
        }
        store.allocate(pair, invoice.id(), amount.negate(), null, BalanceStore.Source.UNALLOCATE, caller.userId(),
                now);
        store.addCredit(pair, amount, now);
        return audited(caller, invoice, "invoice.payment-unallocated", amount, credit, credit.add(amount));
    }

    /** Writes off all that is still due of an open invoice: it becomes UNCOLLECTIBLE. */
    @Transactional
    public InvoiceView writeOff(Caller caller, UUID invoiceId, WriteOffRequest request) {
        InvoiceView found = issuerSide(caller, invoiceId);
        validation.check(request);
        Pair pair = pair(found);
        Instant now = clock.instant();
        store.lockCredit(pair, now);
        InvoiceView invoice = invoices.lock(found.id()).orElseThrow();
        if (invoice.kind() != InvoiceKind.INVOICE || invoice.status() != InvoiceStatus.OPEN
                || invoice.amountDue().amount().signum() <= 0) {
            throw RuleViolationException.conflict(Problem.NOTHING_DUE, "The invoice is " + invoice.status()
                    + "; nothing is due to write off.");
        }
        UUID id = UUID.randomUUID();
        store.writeOff(id, pair, invoice.id(), invoice.amountDue().amount(), LocalDate.now(clock),
                request.reason().strip(), caller.userId(), now);
        InvoiceView after = invoices.find(invoice.id()).orElseThrow();
        audit.record(new AuditRecord(caller, invoice.buyerAccountId(), invoice.buyerPath(), "invoice.written-off",
                Map.of("invoiceId", invoice.id(), "status", invoice.status(), "amountDue", invoice.amountDue()),
                Map.of("invoiceId", invoice.id(), "writeOffId", id, "status", after.status(), "writtenOff",
                        after.writtenOff(), "reason", request.reason().strip())));
        return after;
    }

    /** What a payment or refund of a pair starts from: its checked parties and day, and the pair's locked credit. */
    private record Movement(Parties parties, LocalDate day, Pair pair, Instant now, BigDecimal credit) {
    }

    /**
     * Checks a payment or refund of {@code amount} between the pair (privilege, request, a positive amount in the
     * pair's currency, the day) and locks the pair's credit until the transaction ends.
     */
    private Movement movement(Caller caller, UUID issuerId, UUID buyerId, Object request, Money amount, LocalDate day,
                              String dayField) {
        Parties parties = parties(caller, issuerId, buyerId, Privilege.BILLING_MANAGE);
        validation.check(request);
        requirePositive(amount, "amount.amount");
        LocalDate on = day(day, dayField);
        String currency = amount.currency().getCurrencyCode();
        requirePairCurrency(issuerId, buyerId, currency);
        Pair pair = new Pair(issuerId, buyerId, currency);
        Instant now = clock.instant();
        return new Movement(parties, on, pair, now, store.lockCredit(pair, now));
    }

    /** Pays credit back to the buyer: at most its credit with the issuer. */
    @Transactional
    public RefundView refund(Caller caller, UUID issuerId, UUID buyerId, RefundRequest request) {
        Movement movement = movement(caller, issuerId, buyerId, request, request.amount(), request.refundedOn(),
                "refundedOn");
        Parties parties = movement.parties();
        LocalDate on = movement.day();
        String currency = movement.pair().currency();
        Pair pair = movement.pair();
        Instant now = movement.now();
        BigDecimal credit = movement.credit();
        if (request.amount().amount().compareTo(credit) > 0) {
            throw new RuleViolationException(Problem.INSUFFICIENT_CREDIT, "The buyer has " + credit.toPlainString()
                    + " " + currency + " of credit with this issuer; a refund pays back at most that.",
                    Map.of("credit", new Money(credit, request.amount().currency())));
        }
        UUID id = UUID.randomUUID();
        PaymentMethod how = request.method() == null ? PaymentMethod.BANK_TRANSFER : request.method();
        store.insertRefund(id, pair, parties.issuer().path(), parties.buyer().path(), request.amount().amount(), on,
                request.reference(), how, caller.userId(), now);
        store.addCredit(pair, request.amount().amount().negate(), now);
        audit.record(new AuditRecord(caller, buyerId, parties.buyer().path(), "billing.credit-refunded",
                Map.of("credit", new Money(credit, request.amount().currency())),
                Map.of("refundId", id, "issuerId", issuerId, "amount", request.amount(), "refundedOn", on.toString(),
                        "method", how.name(), "credit",
                        new Money(credit.subtract(request.amount().amount()), request.amount().currency()))));
        return store.refund(id).orElseThrow();
    }

    // -------------------------------------------------------------------------------------- returns (ADR 0030)

    /**
     * The buyer's bank sent the payment back (a returned direct debit): the payment is reversed in the pair's ledger.
     * What it still pays of its invoices is taken back from them (they are open again), the rest comes out of the
     * buyer's credit, and what the credit no longer holds (it paid later invoices meanwhile) is taken back from the
     * invoices it paid, newest due first. A payment is returned once and whole; the return is its own line on the
     * statement of account. Refused (and nothing written) when no paid invoice of the pair is left to take the rest
     * from (the credit was refunded and the invoices are written off or void).
     */
    @Transactional
    public PaymentReturnView returnPayment(Caller caller, UUID paymentId, LocalDate day, String reason) {
        BalanceStore.StoredPayment stored = store.payment(paymentId).orElseThrow(NotFoundException::new);
        if (!caller.covers(stored.issuerPath()) && !caller.covers(stored.buyerPath())) {
            throw new NotFoundException();
        }
        caller.require(Privilege.BILLING_MANAGE);
        if (!caller.covers(stored.issuerPath())) {
            throw new RuleViolationException(Problem.ISSUER_DECIDES,
                    "A returned payment is recorded by the issuer that received it.");
        }
        PaymentView payment = stored.view();
        if (reason == null || reason.isBlank() || reason.strip().length() > 200) {
            throw new InvalidInputException("reason", "is required, at most 200 characters");
        }
        LocalDate on = day(day, "returnedOn");
        if (on.isBefore(payment.paidOn())) {
            throw new InvalidInputException("returnedOn", "must not lie before the payment's day, "
                    + payment.paidOn());
        }
        Pair pair = new Pair(payment.issuerAccountId(), payment.buyerAccountId(),
                payment.amount().currency().getCurrencyCode());
        Instant now = clock.instant();
        BigDecimal credit = store.lockCredit(pair, now);
        if (store.returned(paymentId)) {
            throw RuleViolationException.conflict(Problem.PAYMENT_RETURNED, "The payment of "
                    + payment.amount().amount().toPlainString() + " " + pair.currency() + " on " + payment.paidOn()
                    + " was returned already.");
        }
        Currency c = payment.amount().currency();
        BigDecimal left = payment.amount().amount();
        Map<UUID, PaymentView.Allocated> reopened = new LinkedHashMap<>();
        for (BalanceStore.Paid paid : store.paidBy(paymentId)) {
            left = takeBack(pair, paymentId, paid, left, reopened, caller, now, c);
        }
        BigDecimal fromCredit = left.min(credit);
        if (fromCredit.signum() > 0) {
            store.addCredit(pair, fromCredit.negate(), now);
            left = left.subtract(fromCredit);
        }
        if (left.signum() > 0) {
            for (BalanceStore.Paid paid : store.paidInvoices(pair)) {
                if (left.signum() <= 0) {
                    break;
                }
                left = takeBack(pair, paymentId, paid, left, reopened, caller, now, c);
            }
        }
        if (left.signum() > 0) {
            throw new RuleViolationException(Problem.INSUFFICIENT_CREDIT, left.toPlainString() + " " + pair.currency()
                    + " of the payment are neither in the buyer's credit nor on a paid invoice (refunded, or written "
                    + "off); the return cannot be recorded against this pair's ledger.",
                    Map.of("credit", new Money(credit, c)));
        }
        UUID id = UUID.randomUUID();
        String why = reason.strip();
        store.insertReturn(id, paymentId, pair, payment.amount().amount(), on, why, caller.userId(), now);
        List<Map<String, Object>> taken = reopened.values().stream().map(a -> Map.<String, Object>of("invoiceId",
                a.invoiceId(), "number", a.number(), "amount", a.amount())).toList();
        audit.record(new AuditRecord(caller, pair.buyerId(), stored.buyerPath(), "billing.payment-returned",
                Map.of("paymentId", paymentId, "credit", new Money(credit, c)),
                Map.of("returnId", id, "paymentId", paymentId, "issuerId", pair.issuerId(), "amount",
                        payment.amount(), "returnedOn", on.toString(), "reason", why, "reopened", taken,
                        "credit", new Money(credit.subtract(fromCredit), c))));
        return new PaymentReturnView(id, paymentId, pair.issuerId(), pair.buyerId(), payment.amount(), on, why,
                List.copyOf(reopened.values()), new Money(fromCredit, c), now);
    }

    private BigDecimal takeBack(Pair pair, UUID paymentId, BalanceStore.Paid paid, BigDecimal left,
                               Map<UUID, PaymentView.Allocated> reopened, Caller caller, Instant now, Currency c) {
        BigDecimal already = reopened.containsKey(paid.invoiceId())
                ? reopened.get(paid.invoiceId()).amount().amount() : BigDecimal.ZERO;
        BigDecimal amount = left.min(paid.amount()); // what the invoice has paid now
        if (amount.signum() <= 0) {
            return left;
        }
        store.allocate(pair, paid.invoiceId(), amount.negate(), paymentId, BalanceStore.Source.RETURN,
                caller.userId(), now);
        reopened.put(paid.invoiceId(), new PaymentView.Allocated(paid.invoiceId(), paid.number(),
                new Money(already.add(amount), c)));
        return left.subtract(amount);
    }

    /**
     * The issuer's open invoices to these buyers in the currency that are due on or before {@code dueBy}, with what
     * is due on each (what a direct-debit collection takes, ADR 0030).
     */
    @Transactional(readOnly = true)
    public List<OpenInvoice> openInvoices(Caller caller, UUID issuerId, java.util.Collection<UUID> buyerIds,
                                          String currency, LocalDate dueBy) {
        scope.require(caller, issuerId);
        caller.require(Privilege.BILLING_READ);
        if (buyerIds.isEmpty()) {
            return List.of();
        }
        return store.openInvoices(issuerId, buyerIds, currency, dueBy);
    }

    // ----------------------------------------------------------------------------------------------- statements

    /** The balances of the account as a buyer (one per vendor) and as an issuer (one per buyer). */
    public List<BalanceSummary> balances(Caller caller, UUID accountId, String role) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_READ);
        if (role != null && !role.equals("BUYER") && !role.equals("ISSUER")) {
            throw new InvalidInputException("role", "must be BUYER or ISSUER");
        }
        List<BalanceSummary> result = new ArrayList<>();
        if (role == null || role.equals("BUYER")) {
            result.addAll(store.summaries(account.id(), true));
        }
        if (role == null || role.equals("ISSUER")) {
            result.addAll(store.summaries(account.id(), false));
        }
        return result;
    }

    /**
     * The statement of account of a pair: {@code asIssuer} — the account is the issuer and the counterparty its
     * buyer; else the account is the buyer and the counterparty the vendor that invoices it. {@code currency}: needed
     * only when the pair has more than one.
     */
    @Transactional(readOnly = true)
    public StatementView statement(Caller caller, UUID accountId, UUID counterpartyId, boolean asIssuer,
                                   String currency) {
        UUID issuerId;
        UUID buyerId;
        if (asIssuer) {
            parties(caller, accountId, counterpartyId, Privilege.BILLING_READ);
            issuerId = accountId;
            buyerId = counterpartyId;
        } else {
            scope.require(caller, accountId);
            caller.require(Privilege.BILLING_READ);
            issuerId = counterpartyId;
            buyerId = accountId;
        }
        List<String> currencies = store.currencies(issuerId, buyerId);
        if (currencies.isEmpty()) {
            throw new NotFoundException();
        }
        String chosen = currency;
        if (chosen == null) {
            if (currencies.size() > 1) {
                throw new InvalidInputException("currency", "is required: the pair is billed in "
                        + String.join(", ", currencies));
            }
            chosen = currencies.get(0);
        } else if (!currencies.contains(chosen)) {
            throw new InvalidInputException("currency", "must be one of " + String.join(", ", currencies));
        }
        return statement(new Pair(issuerId, buyerId, chosen));
    }

    public String statementCsv(Caller caller, UUID accountId, UUID counterpartyId, boolean asIssuer,
                               String currency) {
        return documents.csv(statement(caller, accountId, counterpartyId, asIssuer, currency));
    }

    public byte[] statementPdf(Caller caller, UUID accountId, UUID counterpartyId, boolean asIssuer,
                               String currency) {
        StatementView statement = statement(caller, accountId, counterpartyId, asIssuer, currency);
        return documents.pdf(statement, store.path(statement.issuerAccountId()), LocalDate.now(clock));
    }

    private StatementView statement(Pair pair) {
        Currency c = Currency.getInstance(pair.currency());
        BigDecimal balance = BigDecimal.ZERO;
        List<StatementView.Entry> entries = new ArrayList<>();
        for (Object[] row : store.entries(pair)) {
            BigDecimal amount = (BigDecimal) row[4];
            balance = balance.add(amount);
            entries.add(new StatementView.Entry((LocalDate) row[0], (StatementView.EntryType) row[1], (UUID) row[2],
                    (String) row[3], new Money(amount, c), new Money(balance, c)));
        }
        BigDecimal[] dueAndCredit = store.dueAndCredit(pair);
        Map<UUID, String> names = store.names(List.of(pair.issuerId(), pair.buyerId()));
        return new StatementView(pair.issuerId(), names.get(pair.issuerId()), pair.buyerId(),
                names.get(pair.buyerId()), pair.currency(), entries, new Money(balance, c),
                new Money(dueAndCredit[0], c), new Money(dueAndCredit[1], c));
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private InvoiceView issuerSide(Caller caller, UUID invoiceId) {
        InvoiceView invoice = invoices.find(invoiceId).orElseThrow(NotFoundException::new);
        if (!caller.covers(invoice.buyerPath()) && !caller.covers(invoice.issuerPath())) {
            throw new NotFoundException();
        }
        caller.require(Privilege.BILLING_MANAGE);
        if (!caller.covers(invoice.issuerPath())) {
            throw new RuleViolationException(Problem.ISSUER_DECIDES,
                    "Payments, allocations and write-offs are recorded by the invoice's issuer.");
        }
        return invoice;
    }

    private InvoiceView audited(Caller caller, InvoiceView before, String action, BigDecimal amount,
                                BigDecimal creditBefore, BigDecimal creditAfter) {
        InvoiceView after = invoices.find(before.id()).orElseThrow();
        Currency c = currency(before);
        audit.record(new AuditRecord(caller, before.buyerAccountId(), before.buyerPath(), action,
                Map.of("invoiceId", before.id(), "status", before.status(), "amountPaid", before.amountPaid(),
                        "credit", new Money(creditBefore, c)),
                Map.of("invoiceId", before.id(), "status", after.status(), "amountPaid", after.amountPaid(),
                        "amount", new Money(amount, c), "credit", new Money(creditAfter, c))));
        return after;
    }

    private static Pair pair(InvoiceView invoice) {
        return new Pair(invoice.issuerAccountId(), invoice.buyerAccountId(), invoice.currency());
    }

    private static Currency currency(InvoiceView invoice) {
        return Currency.getInstance(invoice.currency());
    }

    private static BigDecimal amount(AllocationRequest request, InvoiceView invoice, BigDecimal otherwise) {
        if (request == null || request.amount() == null) {
            return otherwise;
        }
        if (!request.amount().currency().getCurrencyCode().equals(invoice.currency())) {
            throw mismatch(invoice.currency(), request.amount().currency().getCurrencyCode());
        }
        requirePositive(request.amount(), "amount.amount");
        return request.amount().amount();
    }

    private static void requirePayable(InvoiceView invoice) {
        if (invoice.kind() != InvoiceKind.INVOICE) {
            throw RuleViolationException.conflict(Problem.NOT_PAYABLE, "A credit note is not paid.");
        }
        if (invoice.status() != InvoiceStatus.OPEN || invoice.amountDue().amount().signum() <= 0) {
            throw RuleViolationException.conflict(Problem.NOT_PAYABLE, "Invoice " + invoice.number() + " is "
                    + invoice.status() + "; nothing is due on it.");
        }
    }

    private static RuleViolationException overpayment(InvoiceView invoice) {
        return new RuleViolationException(Problem.OVERPAYMENT, "Invoice " + invoice.number() + " has "
                + invoice.amountDue().amount().toPlainString() + " " + invoice.currency() + " due.",
                Map.of("amountDue", invoice.amountDue()));
    }

    private static RuleViolationException mismatch(String pairCurrency, String other) {
        return new RuleViolationException(Problem.CURRENCY_MISMATCH, "The balance is kept in " + pairCurrency
                + "; " + other + " is not mixed into it.", Map.of("currency", pairCurrency));
    }

    /** A pair keeps its balance in the currencies it is billed in: a payment in any other is refused. */
    private void requirePairCurrency(UUID issuerId, UUID buyerId, String currency) {
        List<String> currencies = store.currencies(issuerId, buyerId);
        if (!currencies.isEmpty() && !currencies.contains(currency)) {
            throw new RuleViolationException(Problem.CURRENCY_MISMATCH, "The buyer is billed by this issuer in "
                    + String.join(", ", currencies) + ", not in " + currency + "; currencies are not mixed.",
                    Map.of("currency", currencies.get(0)));
        }
    }

    private static void requirePositive(Money amount, String field) {
        if (amount.amount().signum() <= 0) {
            throw new InvalidInputException(field, "must be positive");
        }
    }

    private LocalDate day(LocalDate day, String field) {
        LocalDate today = LocalDate.now(clock);
        if (day != null && day.isAfter(today)) {
            throw new InvalidInputException(field, "must not lie in the future");
        }
        return day == null ? today : day;
    }
}
