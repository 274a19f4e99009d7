package io.cascade.payments.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.api.Balances;
import io.cascade.billing.api.BuyerPaymentRequest;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.InvoiceView;
import io.cascade.billing.api.PaymentMethod;
import io.cascade.billing.api.PaymentView;
import io.cascade.billing.api.ReceivedPayment;
import io.cascade.payments.internal.BankStatementReader;
import io.cascade.payments.internal.BankStatementStore;
import io.cascade.payments.internal.BankStatementStore.NewEntry;
import io.cascade.payments.internal.StatementEntryKeys;
import io.cascade.payments.internal.StatementFile;
import io.cascade.payments.internal.StatementLine;
import io.cascade.payments.internal.StatementMatching;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.FieldProblem;
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
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bank statements of an issuer (docs/billing.md "Bank statements"): an import reads the whole file (camt.053 of any
 * version, or the documented CSV), skips what an earlier import already had (each entry's key, unique per issuer),
 * matches every new booked credit against the issuer's open invoices read once, and records each match as a payment
 * through billing's {@link Balances} in the import's transaction; the rest waits in the issuer's unmatched queue until
 * a person assigns it to a buyer (a payment) or ignores it, with a reason. Imports, assignments and ignorings are
 * audited on the issuer's account (each payment also on the buyer's, by billing).
 */
@Service
public class BankStatements {
    private final BankStatementStore store;
    private final Balances balances;
    private final InvoiceManagement invoices;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;

    BankStatements(BankStatementStore store, Balances balances, InvoiceManagement invoices, AccountScope scope,
                   Validation validation, AuditTrail audit, Clock clock) {
        this.store = store;
        this.balances = balances;
        this.invoices = invoices;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------------- import

    /** Imports a statement whose kind is told by its content: XML is camt.053, anything else CSV (an upload). */
    @Transactional
    public BankStatementView importStatement(Caller caller, UUID issuerId, String content, String fileName) {
        return importStatement(caller, issuerId, content, content != null && BankStatementReader.looksLikeXml(content),
                fileName);
    }

    /**
     * Imports a statement for the issuer: {@code xml} — camt.053, else CSV. A file that cannot be read, or with an
     * entry booked in the future, is refused whole (422 naming every problem) and nothing is written.
     */
    @Transactional
    public BankStatementView importStatement(Caller caller, UUID issuerId, String content, boolean xml,
                                             String fileName) {
        ScopedAccount issuer = issuer(caller, issuerId, Privilege.BILLING_MANAGE);
        if (fileName != null && fileName.length() > 200) {
            throw new InvalidInputException("fileName", "must be at most 200 characters");
        }
        StatementFile file = BankStatementReader.read(content, xml);
        LocalDate today = LocalDate.now(clock);
        List<FieldProblem> future = new ArrayList<>();
        for (StatementLine line : file.lines()) {
            if (line.bookingDate().isAfter(today) && future.size() < 100) {
                future.add(new FieldProblem("entries[" + line.position() + "].bookingDate",
                        "must not lie in the future (" + line.bookingDate() + ")"));
            }
            int digits = Currency.getInstance(line.currency()).getDefaultFractionDigits();
            if (line.amount().stripTrailingZeros().scale() > Math.max(digits, 0) && future.size() < 100) {
                future.add(new FieldProblem("entries[" + line.position() + "].amount", "has more decimals than "
                        + line.currency() + " has (" + line.amount().toPlainString() + ")"));
            }
        }
        if (!future.isEmpty()) {
            throw new InvalidInputException(future);
        }
        Instant now = clock.instant();
        store.lockImports(issuerId);
        Map<StatementLine, String> keys = StatementEntryKeys.keys(file);
        Map<String, UUID> earlier = store.existing(issuerId, keys.values());
        StatementMatching matching = null;
        List<NewEntry> entries = new ArrayList<>(file.lines().size());
        List<Pending> pending = new ArrayList<>();
        int matched = 0;
        int unmatched = 0;
        int duplicates = 0;
        int ignored = 0;
        for (StatementLine line : file.lines()) {
            UUID id = UUID.randomUUID();
            if (!line.payment()) {
                ignored++;
                entries.add(new NewEntry(id, line, null, StatementEntryStatus.IGNORED, null, null, null, null, null,
                        line.booked() ? "A debit: money out of the account is not a payment received."
                                : "Not booked yet (status other than BOOK): imported again once booked."));
                continue;
            }
            String key = keys.get(line);
            UUID first = earlier.get(key);
            if (first != null) {
                duplicates++;
                entries.add(new NewEntry(id, line, null, StatementEntryStatus.DUPLICATE, null, null, null, null,
                        first, "Imported before: nothing recorded again."));
                continue;
            }
            if (matching == null) {
                matching = new StatementMatching(balances.openInvoices(caller, issuerId));
            }
            StatementMatching.Match match = matching.match(line.matchText(), line.amount(), line.currency());
            if (match.matched()) {
                matched++;
                pending.add(new Pending(entries.size(), line, match));
                entries.add(new NewEntry(id, line, key, StatementEntryStatus.MATCHED, match.rule(), match.buyerId(),
                        match.invoiceIds(), null, null, null));
            } else {
                unmatched++;
                entries.add(new NewEntry(id, line, key, StatementEntryStatus.UNMATCHED, null, null, null, null, null,
                        match.note()));
            }
        }
        // all matched credits recorded at once, set-based (billing locks the pairs in one order, then the invoices)
        List<ReceivedPayment> received = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            received.add(received(p.line(), p.match()));
        }
        List<UUID> paymentIds = balances.recordPayments(caller, issuerId, received);
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            NewEntry e = entries.get(p.index());
            entries.set(p.index(), new NewEntry(e.id(), e.line(), e.key(), e.status(), e.matchedBy(), e.buyerId(),
                    e.invoiceIds(), paymentIds.get(i), null, null));
        }
        BankStatementView statement = new BankStatementView(UUID.randomUUID(), issuerId, file.format(),
                file.messageVersion(), fileName, file.bankStatementId(), file.accountIban(), file.lines().size(),
                matched, unmatched, duplicates, ignored, caller.userId(), now);
        store.insertStatement(statement, issuer.path());
        store.insertEntries(statement.id(), issuerId, entries, caller.userId(), now);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("statementId", statement.id());
        after.put("format", file.format().name());
        after.put("fileName", fileName);
        after.put("entries", file.lines().size());
        after.put("matched", matched);
        after.put("unmatched", unmatched);
        after.put("duplicates", duplicates);
        after.put("ignored", ignored);
        audit.record(new AuditRecord(caller, issuerId, issuer.path(), "payments.bank-statement-imported", null,
                after));
        return statement;
    }

    private record Pending(int index, StatementLine line, StatementMatching.Match match) {
    }

    private static ReceivedPayment received(StatementLine line, StatementMatching.Match match) {
        Currency currency = Currency.getInstance(line.currency());
        List<BuyerPaymentRequest.Allocation> allocations = match.allocations().stream()
                .map(a -> new BuyerPaymentRequest.Allocation(a.invoiceId(), new Money(a.amount(), currency)))
                .toList();
        return new ReceivedPayment(match.buyerId(), new Money(line.amount(), currency), line.bookingDate(),
                reference(line), PaymentMethod.BANK_TRANSFER, allocations);
    }

    /** The payment's reference: the bank's reference and the remittance text, cut to the payment's 200 characters. */
    private static String reference(StatementLine line) {
        String text = line.matchText().strip();
        String reference = line.bankReference() == null ? text
                : text.isEmpty() ? line.bankReference() : line.bankReference() + " " + text;
        if (reference.isEmpty()) {
            return null;
        }
        return reference.length() > 200 ? reference.substring(0, 200) : reference;
    }

    // -------------------------------------------------------------------------------------------------- reads

    /** The issuer's imported statements, newest first. */
    public Page<BankStatementView> statements(Caller caller, UUID issuerId, Integer limit, String cursor) {
        issuer(caller, issuerId, Privilege.BILLING_READ);
        int size = Cursors.limit(limit);
        String[] after = cursor(Cursors.decode("bank-statement", cursor));
        if (after != null) {
            try {
                Instant.parse(after[0]);
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidInputException("cursor", "is not a cursor of this list");
            }
        }
        List<BankStatementView> rows = store.statements(issuerId, after, size + 1);
        List<BankStatementView> page = rows.stream().limit(size).toList();
        String next = rows.size() > size ? Cursors.encode("bank-statement", page.get(size - 1).importedAt() + "|"
                + page.get(size - 1).id()) : null;
        return new Page<>(page, next);
    }

    public BankStatementView statement(Caller caller, UUID statementId) {
        BankStatementStore.StoredStatement found = store.statement(statementId).orElseThrow(NotFoundException::new);
        caller.requireCovers(found.issuerPath());
        caller.require(Privilege.BILLING_READ);
        return found.view();
    }

    /** A statement's entries in file order, optionally of one status. */
    public Page<StatementEntryView> entries(Caller caller, UUID statementId, String status, Integer limit,
                                            String cursor) {
        statement(caller, statementId);
        StatementEntryStatus wanted = status == null ? null : status(status);
        int size = Cursors.limit(limit);
        String after = Cursors.decode("bank-statement-entry", cursor);
        if (after != null && !after.matches("\\d{1,9}")) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<StatementEntryView> rows = store.entries(statementId, wanted, after == null ? 0 : Integer.parseInt(after),
                size + 1);
        List<StatementEntryView> page = rows.stream().limit(size).toList();
        String next = rows.size() > size ? Cursors.encode("bank-statement-entry",
                String.valueOf(page.get(size - 1).position())) : null;
        return new Page<>(page, next);
    }

    /** The issuer's entries of one status (default {@code UNMATCHED}: the queue), oldest booking day first. */
    public Page<StatementEntryView> queue(Caller caller, UUID issuerId, String status, Integer limit, String cursor) {
        issuer(caller, issuerId, Privilege.BILLING_READ);
        StatementEntryStatus wanted = status == null ? StatementEntryStatus.UNMATCHED : status(status);
        int size = Cursors.limit(limit);
        String[] after = cursor(Cursors.decode("bank-entry-queue", cursor));
        if (after != null && !after[0].matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<StatementEntryView> rows = store.queue(issuerId, wanted, after, size + 1);
        List<StatementEntryView> page = rows.stream().limit(size).toList();
        String next = rows.size() > size ? Cursors.encode("bank-entry-queue", page.get(size - 1).bookingDate() + "|"
                + page.get(size - 1).id()) : null;
        return new Page<>(page, next);
    }

    public StatementEntryView entry(Caller caller, UUID entryId) {
        BankStatementStore.StoredEntry found = store.entry(entryId, false).orElseThrow(NotFoundException::new);
        caller.requireCovers(found.issuerPath());
        caller.require(Privilege.BILLING_READ);
        return found.view();
    }

    // ------------------------------------------------------------------------------------------------ decisions

    /**
     * Assigns an unmatched credit to a buyer of the issuer: the payment is recorded (to the named invoices in order,
     * each up to what is due, else oldest due first; the rest is the buyer's credit) and the entry is
     * {@code ASSIGNED}.
     */
    @Transactional
    public StatementEntryView assign(Caller caller, UUID entryId, StatementEntryAssignment request) {
        BankStatementStore.StoredEntry found = undecided(caller, entryId);
        validation.check(request);
        StatementEntryView entry = found.view();
        List<UUID> invoiceIds = request.invoiceIds() == null ? List.of() : request.invoiceIds();
        List<BuyerPaymentRequest.Allocation> allocations = new ArrayList<>();
        BigDecimal left = entry.amount().amount();
        Map<UUID, Boolean> seen = new HashMap<>();
        for (int i = 0; i < invoiceIds.size(); i++) {
            UUID invoiceId = invoiceIds.get(i);
            String field = "invoiceIds[" + i + "]";
            if (seen.put(invoiceId, true) != null) {
                throw new InvalidInputException(field, "appears twice");
            }
            InvoiceView invoice;
            try {
                invoice = invoices.get(caller, invoiceId);
            } catch (NotFoundException e) {
                throw new InvalidInputException(field, "is not an invoice of this issuer to this buyer");
            }
            if (!invoice.issuerAccountId().equals(entry.issuerAccountId())
                    || !invoice.buyerAccountId().equals(request.buyerId())) {
                throw new InvalidInputException(field, "is not an invoice of this issuer to this buyer");
            }
            BigDecimal part = left.min(invoice.amountDue().amount());
            if (part.signum() > 0 && invoice.currency().equals(entry.amount().currency().getCurrencyCode())) {
                allocations.add(new BuyerPaymentRequest.Allocation(invoiceId,
                        new Money(part, entry.amount().currency())));
                left = left.subtract(part);
            }
        }
        if (!invoiceIds.isEmpty() && allocations.isEmpty()) {
            throw RuleViolationException.conflict(Problem.NOT_PAYABLE, "Nothing is due in "
                    + entry.amount().currency().getCurrencyCode() + " on the invoices named.");
        }
        PaymentView payment = balances.recordPayment(caller, entry.issuerAccountId(), request.buyerId(),
                new BuyerPaymentRequest(entry.amount(), entry.bookingDate(), reference(entry),
                        PaymentMethod.BANK_TRANSFER, allocations.isEmpty() ? null : allocations));
        List<UUID> paid = payment.allocations().stream().map(PaymentView.Allocated::invoiceId).toList();
        Instant now = clock.instant();
        store.decide(entryId, StatementEntryStatus.ASSIGNED, StatementMatchRule.PERSON, request.buyerId(), paid,
                payment.id(), null, caller.userId(), now);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("entryId", entryId);
        after.put("status", StatementEntryStatus.ASSIGNED.name());
        after.put("buyerId", request.buyerId());
        after.put("invoiceIds", paid);
        after.put("paymentId", payment.id());
        after.put("amount", entry.amount());
        audit.record(new AuditRecord(caller, entry.issuerAccountId(), found.issuerPath(),
                "payments.bank-entry-assigned", Map.of("entryId", entryId, "status", entry.status().name()), after));
        return store.entry(entryId, false).orElseThrow().view();
    }

    /** Marks an unmatched entry as not a payment to record, with the reason; nothing is recorded. */
    @Transactional
    public StatementEntryView ignore(Caller caller, UUID entryId, StatementEntryIgnoring request) {
        BankStatementStore.StoredEntry found = undecided(caller, entryId);
        validation.check(request);
        StatementEntryView entry = found.view();
        String reason = request.reason().strip();
        store.decide(entryId, StatementEntryStatus.IGNORED, null, null, null, null, reason, caller.userId(),
                clock.instant());
        audit.record(new AuditRecord(caller, entry.issuerAccountId(), found.issuerPath(),
                "payments.bank-entry-ignored", Map.of("entryId", entryId, "status", entry.status().name()),
                Map.of("entryId", entryId, "status", StatementEntryStatus.IGNORED.name(), "reason", reason,
                        "amount", entry.amount())));
        return store.entry(entryId, false).orElseThrow().view();
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private BankStatementStore.StoredEntry undecided(Caller caller, UUID entryId) {
        BankStatementStore.StoredEntry found = store.entry(entryId, true).orElseThrow(NotFoundException::new);
        caller.requireCovers(found.issuerPath());
        caller.require(Privilege.BILLING_MANAGE);
        if (found.view().status() != StatementEntryStatus.UNMATCHED) {
            throw new RuleViolationException(Problem.STATEMENT_ENTRY_DECIDED, "The entry is "
                    + found.view().status() + "; only an UNMATCHED entry is assigned or ignored.",
                    Map.of("status", found.view().status().name()));
        }
        return found;
    }

    private ScopedAccount issuer(Caller caller, UUID issuerId, Privilege privilege) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        caller.require(privilege);
        if (issuer.type() == AccountType.CUSTOMER) {
            throw new InvalidInputException("accountId", "is a customer; bank statements are imported by the "
                    + "provider and resellers, who issue invoices");
        }
        return issuer;
    }

    private static String reference(StatementEntryView entry) {
        String text = entry.remittance() == null ? "" : entry.remittance();
        String reference = entry.bankReference() == null ? text
                : text.isEmpty() ? entry.bankReference() : entry.bankReference() + " " + text;
        if (reference.isEmpty()) {
            return null;
        }
        return reference.length() > 200 ? reference.substring(0, 200) : reference;
    }

    private static StatementEntryStatus status(String status) {
        try {
            return StatementEntryStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "must be one of MATCHED, UNMATCHED, ASSIGNED, IGNORED, "
                    + "DUPLICATE");
        }
    }

    private static String[] cursor(String decoded) {
        if (decoded == null) {
            return null;
        }
        String[] parts = decoded.split("\\|");
        if (parts.length != 2 || !parts[1].matches("[0-9a-f-]{36}")) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        return parts;
    }
}
