package io.cascade.identity.api;

/**
 * The state of a login (column {@code app_user.status}, whose CHECK lists these names). A user made without a
 * password is {@link #INVITED} until it accepts its invitation; only an {@link #ACTIVE} user signs in; a
 * {@link #DISABLED} one keeps its row and history but no tokens.
 */
public enum UserStatus {
    INVITED,
    ACTIVE,
    DISABLED
}
