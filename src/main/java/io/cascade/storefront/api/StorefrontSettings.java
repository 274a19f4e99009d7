package io.cascade.storefront.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * A vendor's storefront settings (the whole document of {@code PUT /api/v1/accounts/{id}/storefront}).
 *
 * @param slug         names the storefront in {@code /store/{slug}}: lower-case letters, digits and inner hyphens,
 *                     unique platform-wide
 * @param shownPlanIds which of the vendor's published end-customer plans are shown; null: all of them
 */
public record StorefrontSettings(
        @NotNull Boolean enabled,
        @NotBlank @Size(max = 63) @Pattern(regexp = "[a-z0-9]([a-z0-9-]*[a-z0-9])?",
                message = "may hold lower-case letters, digits and inner hyphens only") String slug,
        @NotBlank @Size(max = 100) String title,
        @Size(max = 2000) String intro,
        @NotNull ApprovalMode approval,
        @Size(max = 1000) List<@NotNull UUID> shownPlanIds) {
}
