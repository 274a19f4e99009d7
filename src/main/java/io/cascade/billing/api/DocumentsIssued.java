package io.cascade.billing.api;

import java.util.List;
import java.util.UUID;

/**
 * Invoices and credit notes were issued: one event per billing-run chunk, one per document issued by hand. Published
 * in the issuing transaction.
 */
public record DocumentsIssued(List<UUID> documentIds) {
    public DocumentsIssued {
        documentIds = List.copyOf(documentIds);
    }
}
