package io.cascade.mail.api;

/**
 * Where a mailbox stands (column {@code mailbox.state}, whose CHECK lists these names): {@link #PENDING} until the
 * mail adapter has provisioned it, then {@link #ACTIVE}, {@link #SUSPENDED} with its subscription, or
 * {@link #REMOVED} for good.
 */
public enum MailboxState {
    PENDING,
    ACTIVE,
    SUSPENDED,
    REMOVED
}
