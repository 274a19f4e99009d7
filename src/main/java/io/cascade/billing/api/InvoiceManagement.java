package io.cascade.billing.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.InvoiceFormat;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.internal.InvoiceDocuments;
import io.cascade.billing.internal.InvoiceStore;
import io.cascade.billing.internal.IssuerStore;
import io.cascade.billing.internal.PaymentSettingsRules;
import io.cascade.billing.internal.Previews;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.Etags;
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

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Invoices and credit notes, payments, the issuer's invoicing settings and the upcoming-invoice preview. An invoice
 * is visible to whoever covers its buyer or its issuer; payments and credit notes are the issuer side's to record.
 * Issued invoices never change (a database trigger enforces it): corrections are credit notes.
 */
@Service
public class InvoiceManagement {
    private final InvoiceStore invoices;
    private final IssuerStore issuers;
    private final InvoiceDocuments documents;
    private final Previews previews;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Balances balances;

    InvoiceManagement(InvoiceStore invoices, IssuerStore issuers, InvoiceDocuments documents, Previews previews,
                      AccountScope scope, Validation validation, AuditTrail audit, ApplicationEventPublisher events,
                      Clock clock, Balances balances) {
        this.balances = balances;
        this.events = events;
        this.invoices = invoices;
        this.issuers = issuers;
        this.documents = documents;
        this.previews = previews;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    /** Invoices the account received ({@code role=BUYER}), issued ({@code ISSUER}) or both (default). */
    public Page<InvoiceView> list(Caller caller, UUID accountId, String role, Integer limit, String cursor) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_READ);
        InvoiceStore.Side which = role == null ? InvoiceStore.Side.ANY : InvoiceStore.Side.named(role)
                .orElseThrow(() -> new InvalidInputException("role", "must be BUYER or ISSUER"));
        int size = Cursors.limit(limit);
        String after = Cursors.decode("invoice", cursor);
        if (after != null && !after.matches("\\d{4}-\\d{2}-\\d{2}\\|[0-9a-f-]{36}")) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<InvoiceView> rows = invoices.ofAccount(account.id(), which, after == null ? null : after.split("\\|"),
                size + 1);
        List<InvoiceView> page = rows.stream().limit(size).toList();
        String next = rows.size() > size ? Cursors.encode("invoice", page.get(size - 1).issueDate() + "|"
                + page.get(size - 1).id()) : null;
        return new Page<>(page, next);
    }

    public InvoiceView get(Caller caller, UUID invoiceId) {
        InvoiceView invoice = visible(caller, invoiceId);
        caller.require(Privilege.BILLING_READ);
        return invoice;
    }

    /**
     * Who issued which of these documents to whom, in one query: for the modules that follow {@link DocumentsIssued}
     * (a billing chunk issues a thousand at once). Documents the caller sees neither side of are left out.
     */
    public List<IssuedDocument> issued(Caller caller, java.util.Collection<UUID> documentIds) {
        caller.require(Privilege.BILLING_READ);
        return invoices.issued(documentIds).stream()
                .filter(d -> caller.covers(d.buyerPath()) || caller.covers(d.issuerPath())).toList();
    }

    /** The invoice as CSV (one row per line, then subtotal, tax and total): when its issuer offers RAW. */
    public String csv(Caller caller, UUID invoiceId) {
        InvoiceView invoice = get(caller, invoiceId);
        requireFormat(invoice, InvoiceFormat.RAW);
        return documents.csv(invoice);
    }

    /** The invoice as a PDF document: when its issuer offers PDF. */
    public byte[] pdf(Caller caller, UUID invoiceId) {
        InvoiceView invoice = get(caller, invoiceId);
        requireFormat(invoice, InvoiceFormat.PDF);
        return documents.pdf(caller, invoice);
    }

    /**
     * A payment for this invoice (ADR 0027): it pays the invoice up to what is due, and an overpayment is the
     * buyer's credit with the issuer, applied to its next invoices.
     */
    @Transactional
    public InvoiceView pay(Caller caller, UUID invoiceId, PaymentRequest request) {
        InvoiceView invoice = visible(caller, invoiceId);
        caller.require(Privilege.BILLING_MANAGE);
        if (!caller.covers(invoice.issuerPath())) {
            throw new RuleViolationException(Problem.ISSUER_DECIDES,
                    "Payments and credit notes are recorded by the invoice's issuer.");
        }
        return balances.payInvoice(caller, invoice, request);
    }

    @Transactional
    public InvoiceView creditNote(Caller caller, UUID invoiceId, CreditNoteRequest request) {
        InvoiceView invoice = issuerSide(caller, invoiceId);
        validation.check(request);
        if (invoice.kind() != InvoiceKind.INVOICE) {
            throw RuleViolationException.conflict(Problem.NOT_CREDITABLE, "Only an invoice is corrected by a credit note.");
        }
        if (invoice.status() == InvoiceStatus.UNCOLLECTIBLE) {
            throw RuleViolationException.conflict(Problem.NOT_CREDITABLE, "The invoice was written off.");
        }
        InvoiceView note = previews.creditNote(invoice, request, LocalDate.now(clock), clock.instant());
        audit.record(new AuditRecord(caller, invoice.buyerAccountId(), invoice.buyerPath(), "invoice.credit-note-issued",
                null, Map.of("invoiceId", invoice.id(), "creditNoteId", note.id(), "number", note.number(),
                "total", note.total(), "reason", request.reason())));
        events.publishEvent(new DocumentsIssued(List.of(note.id())));
        return note;
    }

    /** An issuer's settings with their version, the ETag of the settings resource. */
    public record VersionedSettings(BillingSettings settings, long version) {
    }

    @Transactional(readOnly = true)
    public VersionedSettings versionedSettings(Caller caller, UUID accountId) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_READ);
        return new VersionedSettings(issuers.settings(account.id()), issuers.settingsVersion(account.id()));
    }

    /** Changes the settings; {@code ifMatch} (an If-Match header, or null) must name their current version. */
    @Transactional
    public VersionedSettings updateSettings(Caller caller, UUID accountId, String ifMatch, BillingSettings request) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_MANAGE);
        validation.check(request);
        if (request.taxRates() != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < request.taxRates().size(); i++) {
                if (!seen.add(String.valueOf(request.taxRates().get(i).country()))) {
                    throw new InvalidInputException("taxRates[" + i + "].country", "appears twice");
                }
            }
        }
        if (request.payment() != null) {
            request = new BillingSettings(request.numberPrefix(), request.paymentTermDays(), request.taxRates(),
                    PaymentSettingsRules.checked(request.payment()));
        }
        long version = issuers.lockSettings(account.id(), clock.instant());
        Etags.checkIfMatch(ifMatch, version);
        BillingSettings before = issuers.settings(account.id());
        issuers.update(account.id(), request, clock.instant());
        BillingSettings after = issuers.settings(account.id());
        audit.record(new AuditRecord(caller, account.id(), account.path(), "billing.settings-changed", before, after));
        return new VersionedSettings(after, version + 1);
    }

    /** What a run as of {@code asOf} (default: the account's next cycle day) would bill the account. */
    public UpcomingInvoices upcoming(Caller caller, UUID accountId, LocalDate asOf) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_READ);
        LocalDate today = LocalDate.now(clock);
        if (asOf != null && (asOf.isBefore(today) || asOf.isAfter(today.plusYears(1)))) {
            throw new InvalidInputException("asOf", "must lie between today and a year from today");
        }
        return previews.upcoming(caller, account.id(), asOf, today);
    }

    private InvoiceView visible(Caller caller, UUID invoiceId) {
        InvoiceView invoice = invoices.find(invoiceId).orElseThrow(NotFoundException::new);
        if (!caller.covers(invoice.buyerPath()) && !caller.covers(invoice.issuerPath())) {
            throw new NotFoundException();
        }
        return invoice;
    }

    private InvoiceView issuerSide(Caller caller, UUID invoiceId) {
        InvoiceView invoice = visible(caller, invoiceId);
        caller.require(Privilege.BILLING_MANAGE);
        if (!caller.covers(invoice.issuerPath())) {
            throw new RuleViolationException(Problem.ISSUER_DECIDES,
                    "Payments and credit notes are recorded by the invoice's issuer.");
        }
        return invoices.lock(invoiceId).orElseThrow();
    }

    private static void requireFormat(InvoiceView invoice, InvoiceFormat format) {
        if (invoice.format() != InvoiceFormat.BOTH && invoice.format() != format) {
            throw new RuleViolationException(Problem.FORMAT_NOT_OFFERED, "The issuer offers this invoice as "
                    + invoice.format() + " only.");
        }
    }

    static Money zero(String currency) {
        return new Money(java.math.BigDecimal.ZERO, java.util.Currency.getInstance(currency));
    }
}
