package io.cascade.payments.api;

import java.time.Instant;
import java.util.UUID;

/**
 * An imported bank statement and what its import did: {@code entries} lines read, of them {@code matched} recorded as
 * payments, {@code unmatched} left for a person, {@code duplicates} already imported before (skipped), {@code ignored}
 * debits and entries not booked. {@code messageVersion}: the camt.053 version read ({@code 001.08}), null for CSV;
 * {@code bankStatementId} and {@code accountIban}: as the file names them.
 */
public record BankStatementView(UUID id, UUID issuerAccountId, BankStatementFormat format, String messageVersion,
                                String fileName, String bankStatementId, String accountIban, int entries,
                                int matched, int unmatched, int duplicates, int ignored, UUID importedBy,
                                Instant importedAt) {
}
