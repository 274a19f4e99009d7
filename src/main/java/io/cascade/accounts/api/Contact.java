package io.cascade.accounts.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The account's primary contact person. */
public record Contact(
        @Size(max = 200) String name,
        @Email @Size(max = 254) String email,
        @Size(max = 40) @Pattern(regexp = "\\+?[0-9 ()./-]{3,40}", message = "must be a phone number") String phone) {
}
