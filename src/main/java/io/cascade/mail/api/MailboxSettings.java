package io.cascade.mail.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What may change on a mailbox after its creation (a JSON merge patch of it): its quota, its aliases (other addresses
 * on the account's mail domains that deliver into it, at most {@link #MAX_ALIASES}) and the addresses it forwards its
 * mail to (at most {@link #MAX_FORWARDS}), keeping a copy in the mailbox or not.
 */
public record MailboxSettings(@NotNull @Min(1) @Max(1_048_576) Integer quotaMb,
                              @NotNull @Size(max = MAX_ALIASES) List<@NotBlank @Email @Size(max = 254) String> aliases,
                              @NotNull @Size(max = MAX_FORWARDS) List<@NotBlank @Email @Size(max = 254) String> forwardTo,
                              @NotNull Boolean keepCopy) {
    public static final int MAX_ALIASES = 20;
    public static final int MAX_FORWARDS = 5;
}
