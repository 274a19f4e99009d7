package io.cascade.identity.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A new staff member; without a password an invitation token is returned once. Roles default to READ_ONLY. */
public record NewUser(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 128) String password,
        @Size(max = 20) List<@NotNull @Size(max = 64) @Pattern(regexp = "[A-Z0-9_]+", message = "must be a role code") String> roles) {
}
