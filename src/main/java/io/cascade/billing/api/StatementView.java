package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The statement of account of an issuer-buyer pair in one currency: every invoice, credit note, payment, refund,
 * write-off and returned payment in date order, each with the balance after it (what the buyer owes; negative: the
 * issuer owes it credit). {@code closingBalance = amountDue − credit}: the open amounts of its invoices minus its
 * unallocated credit.
 */
public record StatementView(UUID issuerAccountId, String issuerName, UUID buyerAccountId, String buyerName,
                            String currency, List<Entry> entries, Money closingBalance, Money amountDue, Money credit) {

    /**
     * What an entry is; its amount raises (invoice, refund, return: a payment the buyer's bank sent back, ADR 0030) or
     * lowers (the others) the balance.
     */
    public enum EntryType {
        INVOICE, CREDIT_NOTE, PAYMENT, REFUND, WRITE_OFF, RETURN
    }

    /**
     * One entry: its day, type, id (the document, payment, refund or write-off), the document number or payment
     * reference, the signed amount and the balance after it.
     */
    public record Entry(LocalDate date, EntryType type, UUID id, String reference, Money amount, Money balance) {
    }
}
