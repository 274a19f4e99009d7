package io.cascade.messages.internal;

import io.cascade.billing.api.DocumentsIssued;
import io.cascade.billing.api.InvoiceKind;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.IssuedDocument;
import io.cascade.billing.api.PaymentRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Queues the billing mails in the transaction that issues the documents or records the payment. A billing chunk's
 * documents become one batch insert after one query that says whose each document is, whatever the chunk's size;
 * everything else (the document itself, its PDF, the recipients) is read when the mail is dispatched.
 */
@Component
class BillingMailListener {
    private final Outbox outbox;
    private final InvoiceManagement invoices;
    private final MailParties parties;

    BillingMailListener(Outbox outbox, InvoiceManagement invoices, MailParties parties) {
        this.outbox = outbox;
        this.invoices = invoices;
        this.parties = parties;
    }

    @EventListener
    void on(DocumentsIssued event) {
        if (event.documentIds().isEmpty()) {
            return;
        }
        List<IssuedDocument> documents = invoices.issued(parties.platform(), event.documentIds());
        outbox.mails(documents.stream().map(d -> new MailDraft(
                d.kind() == InvoiceKind.CREDIT_NOTE ? CreditNoteIssuedComposer.KIND : InvoiceIssuedComposer.KIND,
                d.buyerAccountId(), Map.of(DocumentMails.DOCUMENT_ID, d.id().toString()))).toList());
    }

    @EventListener
    void on(PaymentRecorded event) {
        outbox.mail(PaymentRecordedComposer.KIND, event.buyerId(), MailParties.values(
                "invoiceId", event.invoiceId() == null ? null : event.invoiceId().toString(),
                "paymentId", event.paymentId() == null ? null : event.paymentId().toString(),
                "issuerId", event.issuerId() == null ? null : event.issuerId().toString(),
                "amount", event.amount().amount().toPlainString(),
                "currency", event.amount().currency().getCurrencyCode(),
                "paidOn", event.paidOn().toString(),
                "reference", event.reference()));
    }
}
