package io.cascade.messages.internal;

import io.cascade.billing.api.DocumentsIssued;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.platform.api.Jobs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** {@code cascade.messages.document-mail=false}: issued documents are not mailed; on (the default), they are. */
class DocumentMailSettingTest {
    private final Outbox outbox = mock(Outbox.class);
    private final InvoiceManagement invoices = mock(InvoiceManagement.class);
    private final MailParties parties = mock(MailParties.class);
    private final DocumentsIssued issued = new DocumentsIssued(List.of(UUID.randomUUID()), UUID.randomUUID());

    @Test
    void offQueuesNothingAndReadsNothing() {
        new BillingMailListener(outbox, invoices, parties, mock(Jobs.class), false).on(issued);
        verifyNoInteractions(outbox, invoices);
    }

    @Test
    void onQueuesTheRunsDocumentsWaitingForTheRun() {
        when(invoices.issued(any(), any())).thenReturn(List.of());
        new BillingMailListener(outbox, invoices, parties, mock(Jobs.class), true).on(issued);
        verify(outbox).mails(List.of(), BillingMailListener.holdKey(issued.runId()));
    }
}
