package io.cascade.accounts;

public enum AccountType {
    PROVIDER, RESELLER, CUSTOMER
}
