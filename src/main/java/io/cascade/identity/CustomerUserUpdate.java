package io.cascade.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** The changeable part of a customer user, target of a JSON merge patch. */
public record CustomerUserUpdate(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Size(max = 500) List<@NotNull UUID> customerIds) {
}
