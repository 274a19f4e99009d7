package io.cascade.identity.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * The changeable part of a customer user, target of a JSON merge patch: its name, whether it may sign in
 * ({@code ACTIVE} or {@code DISABLED}; {@code INVITED} until it accepts its invitation) and its customers.
 */
public record CustomerUserUpdate(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = "ACTIVE|DISABLED|INVITED", message = "must be ACTIVE or DISABLED") String status,
        @NotNull @Size(max = 500) List<@NotNull UUID> customerIds) {
}
