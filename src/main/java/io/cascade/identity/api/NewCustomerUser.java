package io.cascade.identity.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * A new customer user of a vendor account, assigned to some of that account's customers (ADR 0009). Without a
 * password an invitation token is returned once.
 */
public record NewCustomerUser(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 128) String password,
        @NotEmpty @Size(max = 500) List<@NotNull UUID> customerIds) {
}
