package io.cascade.payments.api;

/**
 * How an entry found its payer: {@code NUMBER} — the remittance text names open invoices by their number;
 * {@code REFERENCE} — by their payment reference (the ISO 11649 creditor reference {@code RF..} of the number);
 * {@code AMOUNT} — the text names nothing, and exactly one open invoice of the issuer had that amount due;
 * {@code PERSON} — a person assigned it.
 */
public enum StatementMatchRule {
    NUMBER,
    REFERENCE,
    AMOUNT,
    PERSON
}
