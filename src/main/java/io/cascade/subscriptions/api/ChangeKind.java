package io.cascade.subscriptions.api;

/**
 * What a scheduled change of a subscription does on its effective date (column {@code subscription_change.kind},
 * whose CHECK lists these names): a plan or quantity {@link #CHANGE}, a {@link #SUSPEND}, a {@link #RESUME} or a
 * {@link #CANCEL}.
 */
public enum ChangeKind {
    CHANGE,
    SUSPEND,
    RESUME,
    CANCEL
}
