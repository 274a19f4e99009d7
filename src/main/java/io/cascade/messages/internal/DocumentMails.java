package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.InvoiceFormat;
import io.cascade.billing.api.BillingSettings;
import io.cascade.billing.api.InvoiceKind;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.InvoiceView;
import io.cascade.shared.NotFoundException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The mail of an issued invoice or credit note (one composer per kind of document, {@link MailComposers}), composed
 * when it is dispatched: to the buyer's billing contact, in the buyer's language, in the issuer's templates with its
 * billing signature, with the document attached as the issuer offers it — the PDF when its format offers PDF
 * ({@code PDF} or {@code BOTH}), else the CSV. A simple (non-billable) customer gets no documents mailed. A credit
 * note is against an invoice, or a run's own when its lines sum below zero.
 */
class DocumentMails implements MailComposer {
    static final String DOCUMENT_ID = "documentId";

    private final InvoiceKind documentKind;
    private final InvoiceManagement invoices;
    private final MailParties parties;

    DocumentMails(InvoiceKind documentKind, InvoiceManagement invoices, MailParties parties) {
        this.documentKind = documentKind;
        this.invoices = invoices;
        this.parties = parties;
    }

    /**
     * The mail kind of an issued document: {@code invoice-issued}, {@code credit-note-issued} (named from the
     * document's kind, so that the kind is spelled once).
     */
    static String kind(InvoiceKind documentKind) {
        return documentKind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-issued";
    }

    @Override
    public String kind() {
        return kind(documentKind);
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        UUID documentId = UUID.fromString(MessageData.text(message, DOCUMENT_ID));
        InvoiceView document;
        try {
            document = invoices.get(parties.platform(), documentId);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        Optional<AccountView> found = parties.account(document.buyerAccountId());
        if (found.isEmpty() || Boolean.FALSE.equals(found.get().billable())) {
            return Optional.empty();
        }
        AccountView buyer = found.get();
        MailParties.Recipients to = parties.billingContact(buyer);
        if (to.none()) {
            return Optional.empty();
        }
        MailAttachment attachment = attachment(document);
        String credited = null;
        if (document.creditedInvoiceId() != null) {
            try {
                credited = invoices.get(parties.platform(), document.creditedInvoiceId()).number();
            } catch (NotFoundException e) {
                credited = null;
            }
        }
        Map<String, Object> model = MailParties.values(
                "document", MailParties.values(
                        "number", document.number(),
                        "issueDate", document.issueDate().toString(),
                        "dueDate", document.dueDate().toString(),
                        "currency", document.currency(),
                        "subtotal", MailParties.amount(document.subtotal()),
                        "tax", MailParties.amount(document.tax()),
                        "total", MailParties.amount(document.total()),
                        "openAmount", MailParties.amount(document.openAmount()),
                        "settled", document.openAmount().amount().signum() == 0 ? Boolean.TRUE : null,
                        "reason", document.reason(),
                        "creditedNumber", credited),
                "buyer", MailParties.values("name", buyer.companyName(), "customerNumber", buyer.customerNumber()),
                "attachment", MailParties.values("name", attachment.filename()),
                "payment", payTo(document),
                "recipient", MailParties.values("name", to.name()));
        return Optional.of(new ComposedMail(to.to(), document.issuerAccountId(), buyer.locale(),
                ComposedMail.Category.BILLING, model, List.of(attachment)));
    }

    /**
     * Where to pay an invoice that is still open, as its PDF says: the issuer's bank account (holder, IBAN, BIC) with
     * the invoice number as the reference; null for a credit note, a settled invoice or an issuer without an IBAN.
     */
    private Map<String, Object> payTo(InvoiceView document) {
        if (document.kind() != InvoiceKind.INVOICE || document.openAmount().amount().signum() <= 0) {
            return null;
        }
        BillingSettings.Payment pay = invoices.versionedSettings(parties.platform(), document.issuerAccountId())
                .settings().payment();
        if (pay == null || pay.iban() == null) {
            return null;
        }
        return MailParties.values("accountHolder", pay.accountHolder(), "iban", pay.iban(), "bic", pay.bic(),
                "reference", document.number());
    }

    /** The PDF when the issuer's format offers it, else the CSV; built now, on each attempt, never stored. */
    private MailAttachment attachment(InvoiceView document) {
        String name = document.number().replaceAll("[^A-Za-z0-9._-]", "_");
        if (document.format() == InvoiceFormat.PDF || document.format() == InvoiceFormat.BOTH) {
            return new MailAttachment(name + ".pdf", "application/pdf",
                    invoices.pdf(parties.platform(), document.id()));
        }
        return new MailAttachment(name + ".csv", "text/csv",
                invoices.csv(parties.platform(), document.id()).getBytes(StandardCharsets.UTF_8));
    }
}
