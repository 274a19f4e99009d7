package io.cascade.payments.api;

/** Money in ({@code CREDIT}, a payment to the issuer) or out ({@code DEBIT}, never recorded) of the issuer's account. */
public enum StatementEntryDirection {
    CREDIT,
    DEBIT
}
