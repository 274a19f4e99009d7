package io.cascade.accounts.api;

/** {@code PENDING → ACTIVE ⇄ SUSPENDED → TERMINATED}; terminated is final. */
public enum AccountStatus {
    PENDING, ACTIVE, SUSPENDED, TERMINATED;

    public boolean live() {
        return this != TERMINATED;
    }
}
