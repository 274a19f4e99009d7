package io.cascade.storefront.api;

import io.cascade.subscriptions.api.ResourceQuantity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * A sign-up from a storefront's order form: the new customer's company, its contact (who becomes its first
 * administrator, choosing a password from the invitation mailed once the account exists), the plan and the quantities
 * above what the plan includes, the terms, and the form's token ({@code formToken}, from the form or
 * {@code GET /api/v1/storefronts/{slug}}).
 */
public record SignUpRequest(
        @NotBlank @Size(max = 200) String companyName,
        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code, e.g. DE")
        String country,
        @NotBlank @Size(max = 200) String contactName,
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull UUID planId,
        @Size(max = 50) List<@NotNull @Valid ResourceQuantity> resources,
        @NotNull Boolean termsAccepted,
        @NotBlank @Size(max = 200) String formToken) {
}
