package io.cascade.billing.api;

import java.util.List;
import java.util.UUID;

/** Invoices and credit notes just issued: one event per billing chunk, one per manual issue or credit note. */
public record DocumentsIssued(List<UUID> documentIds) {
}
