package io.cascade.accounts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cascade.shared.Caller;

import java.util.UUID;

/**
 * Creates the first staff member of a new account, in the same transaction as the account. Implemented by the
 * identity module.
 */
public interface FirstAdministrators {

    EnrolledAdministrator enroll(Caller caller, ScopedAccount account, NewAdministrator administrator);

    /** What is wrong with this administrator beyond its field constraints (e.g. a weak password). */
    java.util.List<io.cascade.shared.FieldProblem> problems(NewAdministrator administrator, String field);

    /**
     * @param invitationToken one-time token to set a password, returned once when no password was given
     */
    record EnrolledAdministrator(UUID id, String email, String name,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String invitationToken) {
    }
}
