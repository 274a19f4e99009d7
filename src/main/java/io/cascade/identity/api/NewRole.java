package io.cascade.identity.api;

import io.cascade.shared.Privilege;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Set;

/** A custom role of an account, made of privileges the creating staff member holds. */
public record NewRole(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Z][A-Z0-9_]*", message = "must be UPPER_SNAKE, e.g. NOC_OPERATOR") String code,
        @NotBlank @Size(max = 200) String name,
        @NotEmpty Set<@NotNull Privilege> privileges) {
}
