package io.cascade.storefront.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a vendor rejects a sign-up; mailed to the applicant. */
public record Rejection(@NotBlank @Size(max = 500) String reason) {
}
