package io.cascade.messages.internal;

import io.cascade.billing.api.BillingRunCompleted;
import io.cascade.billing.api.DocumentsIssued;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.IssuedDocument;
import io.cascade.billing.api.PaymentRecorded;
import io.cascade.billing.api.PaymentsRecorded;
import io.cascade.platform.api.Jobs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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
    private final Jobs jobs;
    /** False: issued documents are not mailed (the provider's invoices reach buyers another way). */
    private final boolean documentMail;

    BillingMailListener(Outbox outbox, InvoiceManagement invoices, MailParties parties, Jobs jobs,
                        @Value("${cascade.messages.document-mail:true}") boolean documentMail) {
        this.documentMail = documentMail;
        this.outbox = outbox;
        this.invoices = invoices;
        this.parties = parties;
        this.jobs = jobs;
    }

    @EventListener
    void on(DocumentsIssued event) {
        if (!documentMail || event.documentIds().isEmpty()) {
            return;
        }
        List<IssuedDocument> documents = invoices.issued(parties.platform(), event.documentIds());
        // a run's mails wait for its end (composing each with its PDF would take the CPUs the run is using)
        outbox.mails(documents.stream().map(d -> new MailDraft(DocumentMails.kind(d.kind()), d.buyerAccountId(),
                Map.of(DocumentMails.DOCUMENT_ID, d.id().toString()))).toList(),
                event.runId() == null ? null : holdKey(event.runId()));
    }

    /** The run has completed: its invoice mails become due, released in batches by a job after this commit. */
    @EventListener
    void on(BillingRunCompleted event) {
        jobs.runSoon(MessagesJobs.RELEASE.instance(holdKey(event.runId())).build());
    }

    static String holdKey(UUID runId) {
        return "billing-run:" + runId;
    }

    @EventListener
    void on(PaymentRecorded event) {
        outbox.mail(PaymentRecordedComposer.KIND, event.buyerId(), values(event));
    }

    /** Many payments at once (a bank statement's): their mails in one statement. */
    @EventListener
    void on(PaymentsRecorded event) {
        outbox.mails(event.payments().stream()
                .map(p -> new MailDraft(PaymentRecordedComposer.KIND, p.buyerId(), values(p))).toList());
    }

    private static Map<String, Object> values(PaymentRecorded event) {
        return MailParties.values(
                "invoiceId", event.invoiceId() == null ? null : event.invoiceId().toString(),
                "paymentId", event.paymentId() == null ? null : event.paymentId().toString(),
                "issuerId", event.issuerId() == null ? null : event.issuerId().toString(),
                "amount", event.amount().amount().toPlainString(),
                "currency", event.amount().currency().getCurrencyCode(),
                "paidOn", event.paidOn().toString(),
                "reference", event.reference());
    }
}
