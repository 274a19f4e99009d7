package io.cascade.payments.api;

import jakarta.validation.constraints.Size;

/**
 * An issuer's direct-debit settings: its SEPA creditor identifier (e.g. {@code DE98ZZZ09999999999}, check digits ISO
 * 7064 MOD 97-10), kept upper case without spaces; null: not set up.
 */
public record DirectDebitSettings(@Size(max = 40) String creditorId) {
}
