package io.cascade.accounts.api;

import io.cascade.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * A new reseller or customer account, created below {@code vendorId} (default: the caller's own account) together
 * with its first administrator. Unset fields take the vendor's defaults (currency, locale, time zone).
 */
public record AccountDraft(
        @NotNull AccountType type,
        UUID vendorId,
        @NotBlank @Size(max = 200) String companyName,
        @Size(min = 1, max = 64) @Pattern(regexp = AccountFields.CUSTOMER_NUMBER, message = AccountFields.CUSTOMER_NUMBER_MESSAGE) String customerNumber,
        @Valid Address address,
        @Size(max = 40) @Pattern(regexp = AccountFields.PHONE, message = "must be a phone number") String phone,
        @Size(max = 255) @Pattern(regexp = AccountFields.URL, message = "must be an http(s) URL") String homepage,
        @Valid Money estimatedAnnualRevenue,
        @Size(max = 64) String taxId,
        @Valid Contact contact,
        @Email @Size(max = 254) String billingEmail,
        @Valid Signatures signatures,
        @Size(max = 3) String currency,
        @Size(max = 35) String locale,
        @Size(max = 64) String timeZone,
        @Min(1) @Max(28) Integer billCycleDay,
        Boolean billable,
        @Valid ResellerProfile resellerProfile,
        @NotNull @Valid NewAdministrator admin) {
}
