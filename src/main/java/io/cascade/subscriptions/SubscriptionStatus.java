package io.cascade.subscriptions;

public enum SubscriptionStatus {
    PENDING, ACTIVE, SUSPENDED, CANCELLED
}
