package io.cascade.accounts.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** @param country ISO 3166-1 alpha-2 code, e.g. {@code DE} */
public record Address(
        @Size(max = 200) String street,
        @Size(max = 100) String city,
        @Size(max = 20) String postalCode,
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code, e.g. DE") String country) {
}
