package io.cascade.messages.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An issuer's own sender: the address its mail comes from and the name shown with it (default: its company name). */
public record MailSender(@NotBlank @Email @Size(max = 254) String email,
                         @Size(max = 200) @Pattern(regexp = "[^\\r\\n\"<>]*", message = "may not contain line breaks, quotes or angle brackets")
                         String name) {
}
