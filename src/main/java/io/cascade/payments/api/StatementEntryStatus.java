package io.cascade.payments.api;

/**
 * Where an entry of an imported bank statement stands. {@code MATCHED}: its credit was matched to the issuer's open
 * invoices (or a buyer) on import and recorded as a payment; {@code UNMATCHED}: waiting in the issuer's queue for a
 * person; {@code ASSIGNED}: a person assigned it to a buyer, and the payment was recorded; {@code IGNORED}: not a
 * payment to record (a debit, not booked yet, or a person said so, with a reason); {@code DUPLICATE}: an earlier
 * import already had it, nothing was recorded again.
 */
public enum StatementEntryStatus {
    MATCHED,
    UNMATCHED,
    ASSIGNED,
    IGNORED,
    DUPLICATE
}
