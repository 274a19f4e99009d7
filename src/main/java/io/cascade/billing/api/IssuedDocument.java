package io.cascade.billing.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.UUID;

/** Who issued a document (invoice or credit note) to whom: what a follower of {@link DocumentsIssued} needs first. */
public record IssuedDocument(UUID id, InvoiceKind kind, UUID issuerAccountId, UUID buyerAccountId,
                             @JsonIgnore String issuerPath, @JsonIgnore String buyerPath) {
}
