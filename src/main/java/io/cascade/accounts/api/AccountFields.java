package io.cascade.accounts.api;

/** Field formats shared by the create and update documents. */
final class AccountFields {
    static final String CUSTOMER_NUMBER = "[A-Za-z0-9][A-Za-z0-9._/-]*";
    static final String CUSTOMER_NUMBER_MESSAGE = "may hold letters, digits and . _ / - only";
    static final String PHONE = "\\+?[0-9 ()./-]{3,40}";
    static final String URL = "https?://[^\\s]+";

    private AccountFields() {
    }
}
