package io.cascade.catalog.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A resource type of a new service. It is either counted (its quantity is what a subscription orders, e.g. mailboxes
 * or SIMs, priced by {@code unitPrice}) or {@code metered} (its quantity is the usage reported for it, e.g. storage
 * or data, priced by {@code usagePrice}); omitted, {@code metered} is false.
 */
public record ResourceTypeDraft(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z][a-z0-9_-]*", message = "must be lower-case, e.g. mailbox") String code,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 32) String unit,
        @Schema(description = "true: usage is reported for it (POST /api/v1/usage) and priced by usagePrice; "
                + "false: its quantity is what is ordered, priced by unitPrice", defaultValue = "false")
        Boolean metered) {

    /** A counted resource type. */
    public ResourceTypeDraft(String code, String name, String unit) {
        this(code, name, unit, false);
    }

    /** Whether usage is reported for it (an omitted value is false). */
    public boolean meteredOrDefault() {
        return Boolean.TRUE.equals(metered);
    }
}
