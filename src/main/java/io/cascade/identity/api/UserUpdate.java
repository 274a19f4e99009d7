package io.cascade.identity.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The changeable part of a staff member, target of a JSON merge patch. */
public record UserUpdate(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = "ACTIVE|DISABLED|INVITED", message = "must be ACTIVE or DISABLED") String status,
        @NotNull @Size(max = 20) List<@NotNull @Size(max = 64) String> roles) {
}
