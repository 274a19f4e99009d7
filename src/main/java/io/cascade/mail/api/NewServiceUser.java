package io.cascade.mail.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A service user with its mailbox: {@code email} is both the login and the mailbox address. Without a password the
 * answer carries a one-time invitation token, as for staff members.
 */
public record NewServiceUser(@NotBlank @Size(max = 200) String name,
                             @NotBlank @Email @Size(max = 254) String email,
                             @Size(max = 128) String password,
                             @NotNull @Min(1) @Max(1_048_576) Integer mailboxQuotaMb) {
}
