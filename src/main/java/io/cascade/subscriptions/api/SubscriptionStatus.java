package io.cascade.subscriptions.api;

public enum SubscriptionStatus {
    PENDING, ACTIVE, SUSPENDED, CANCELLED
}
