package io.cascade.billing.api;

import java.util.List;
import java.util.UUID;

/**
 * Invoices and credit notes were issued: one event per billing-run chunk (with the run's id), one per document issued
 * by hand ({@code runId} null). Published in the issuing transaction.
 */
public record DocumentsIssued(List<UUID> documentIds, UUID runId) {
    public DocumentsIssued {
        documentIds = List.copyOf(documentIds);
    }

    /** Documents issued by hand, outside a billing run. */
    public DocumentsIssued(List<UUID> documentIds) {
        this(documentIds, null);
    }
}
