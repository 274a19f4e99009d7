package io.cascade.accounts.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The first staff member of a new account; without a password an invitation token is returned instead. */
public record NewAdministrator(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 128) String password) {
}
