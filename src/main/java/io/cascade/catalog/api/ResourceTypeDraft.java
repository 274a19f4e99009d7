package io.cascade.catalog.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record ResourceTypeDraft(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z][a-z0-9_-]*", message = "must be lower-case, e.g. mailbox") String code,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 32) String unit) {
}
