package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.api.BillingRuns;
import io.cascade.billing.api.DocumentsIssued;
import io.cascade.billing.api.InvoiceKind;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.InvoiceView;
import io.cascade.billing.api.IssuedDocument;
import io.cascade.identity.api.StaffManagement;
import io.cascade.provisioning.api.ProvisioningTasks;
import io.cascade.subscriptions.api.SubscriptionManagement;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A billing chunk's documents: one statement says who was billed, and only the documents an endpoint sees are loaded
 * (a chunk of a thousand buyers mostly concerns no endpoint, and each load reads the document with its lines).
 */
class WebhookFanOutTest {

    @Test
    void aChunksDocumentsAreLoadedOnlyWhereAnEndpointSeesTheirBuyer() {
        WebhookEndpoints endpoints = mock(WebhookEndpoints.class);
        Outbox outbox = mock(Outbox.class);
        AccountScope scope = mock(AccountScope.class);
        InvoiceManagement invoices = mock(InvoiceManagement.class);
        UUID providerId = UUID.randomUUID();
        when(scope.provider()).thenReturn(Optional.of(new ScopedAccount(providerId, "p", AccountType.PROVIDER,
                AccountStatus.ACTIVE, null, 0, "Provider")));
        WebhookFanOut fanOut = new WebhookFanOut(endpoints, outbox, scope, mock(AccountManagement.class),
                mock(StaffManagement.class), mock(SubscriptionManagement.class), mock(ProvisioningTasks.class),
                invoices, mock(BillingRuns.class), mock(io.cascade.billing.api.Balances.class), JsonMapper.builder().build(),
                Clock.fixed(Instant.parse("2026-08-01T09:00:00Z"), ZoneOffset.UTC));

        UUID issuer = UUID.randomUUID();
        UUID seen = UUID.randomUUID();
        List<UUID> buyers = List.of(seen, UUID.randomUUID(), UUID.randomUUID());
        List<UUID> documents = buyers.stream().map(b -> UUID.randomUUID()).toList();
        when(endpoints.anyListening(anyCollection())).thenReturn(true);
        when(invoices.issued(any(), anyCollection())).thenReturn(List.of(
                new IssuedDocument(documents.get(0), InvoiceKind.INVOICE, issuer, buyers.get(0), "p.i", "p.i.0"),
                new IssuedDocument(documents.get(1), InvoiceKind.INVOICE, issuer, buyers.get(1), "p.i", "p.i.1"),
                new IssuedDocument(documents.get(2), InvoiceKind.INVOICE, issuer, buyers.get(2), "p.i", "p.i.2")));
        for (int i = 0; i < 3; i++) {
            when(invoices.get(any(), eq(documents.get(i)))).thenReturn(invoice(documents.get(i), issuer,
                    buyers.get(i)));
        }
        UUID endpoint = UUID.randomUUID();
        when(endpoints.listening(eq("invoice.issued"), anyCollection()))
                .thenReturn(List.of(new WebhookEndpoints.Listener(endpoint, seen, seen)));
        when(endpoints.listening(eq("credit_note.issued"), anyCollection())).thenReturn(List.of());

        fanOut.on(new DocumentsIssued(documents));

        verify(invoices, times(1)).get(any(), any());
        verify(invoices).get(any(), eq(documents.get(0)));
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<WebhookDraft>> drafts = ArgumentCaptor.forClass(List.class);
        verify(outbox).webhooks(drafts.capture());
        assertThat(drafts.getValue()).singleElement().satisfies(draft -> {
            assertThat(draft.orderingKey()).isEqualTo(endpoint + ":" + documents.get(0));
            assertThat(draft.eventType()).isEqualTo("invoice.issued");
            assertThat(draft.body()).contains("\"accountId\":\"" + seen + "\"", "\"number\":\"N-" + seen + "\"");
        });
        verify(endpoints, times(1)).listening(eq("invoice.issued"), anyCollection());
    }

    private static InvoiceView invoice(UUID id, UUID issuer, UUID buyer) {
        return new InvoiceView(id, "N-" + buyer, InvoiceKind.INVOICE, issuer, buyer, null, null, "EUR", List.of(),
                null, null, null, null, null, null, null, null, null, null, null, null, "p.i", "p.i.0", null, null, null, null, null);
    }
}
