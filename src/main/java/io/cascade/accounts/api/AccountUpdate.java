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

/**
 * The changeable part of an account. A PATCH is a JSON merge patch applied to this document; fields outside it (id,
 * type, vendor, status...) cannot be changed this way.
 */
public record AccountUpdate(
        @NotBlank @Size(max = 200) String companyName,
        @NotBlank @Size(max = 64) @Pattern(regexp = AccountFields.CUSTOMER_NUMBER, message = AccountFields.CUSTOMER_NUMBER_MESSAGE) String customerNumber,
        @Valid Address address,
        @Size(max = 40) @Pattern(regexp = AccountFields.PHONE, message = "must be a phone number") String phone,
        @Size(max = 255) @Pattern(regexp = AccountFields.URL, message = "must be an http(s) URL") String homepage,
        @Valid Money estimatedAnnualRevenue,
        @Size(max = 64) String taxId,
        @Valid Contact contact,
        @Email @Size(max = 254) String billingEmail,
        @Valid Signatures signatures,
        @NotNull @Size(max = 3) String currency,
        @NotNull @Size(max = 35) String locale,
        @NotNull @Size(max = 64) String timeZone,
        @NotNull @Min(1) @Max(28) Integer billCycleDay,
        Boolean billable,
        @Valid ResellerProfile resellerProfile) {

    static AccountUpdate of(AccountView view) {
        return new AccountUpdate(view.companyName(), view.customerNumber(), view.address(), view.phone(),
                view.homepage(), view.estimatedAnnualRevenue(), view.taxId(), view.contact(), view.billingEmail(), view.signatures(),
                view.currency(), view.locale(), view.timeZone(), view.billCycleDay(), view.billable(),
                view.resellerProfile());
    }
}
