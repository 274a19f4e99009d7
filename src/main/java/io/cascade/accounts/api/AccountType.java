package io.cascade.accounts.api;

public enum AccountType {
    PROVIDER, RESELLER, CUSTOMER
}
