package io.cascade.accounts;

import io.cascade.shared.Caller;

import java.util.UUID;

/**
 * Creates the first staff member of a new account, in the same transaction as the account. Implemented by the
 * identity module.
 */
public interface FirstAdministrators {

    EnrolledAdministrator enroll(Caller caller, ScopedAccount account, NewAdministrator administrator);

    /**
     * @param invitationToken one-time token to set a password, returned once when no password was given
     */
    record EnrolledAdministrator(UUID id, String email, String name, String invitationToken) {
    }
}
