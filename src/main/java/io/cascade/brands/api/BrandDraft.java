package io.cascade.brands.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A vendor's own brand as it sets it (the logo has its own resource). Colours are {@code #rrggbb} (any case; stored in
 * lower case) and must keep text readable: white text on the primary colour and the accent colour on white each need a
 * WCAG 2 contrast ratio of at least 4.5:1. Optional fields left out or blank are cleared.
 */
public record BrandDraft(
        @NotBlank @Size(max = 100) String displayName,
        @NotNull @Pattern(regexp = COLOUR, message = "must be a colour #rrggbb") String primaryColour,
        @NotNull @Pattern(regexp = COLOUR, message = "must be a colour #rrggbb") String accentColour,
        @Email @Size(max = 254) String supportEmail,
        @Size(max = 40) @Pattern(regexp = "[+0-9 ()./-]*", message = "may hold only digits, spaces and + ( ) . / -")
        String supportPhone,
        @Size(max = 255) @Pattern(regexp = "(https?://\\S+)?", message = "must be an http or https address")
        String supportUrl,
        @Size(max = 1000) String legalFooter,
        @Size(max = 100) String senderName,
        @Email @Size(max = 254) String senderAddress) {

    /** {@code #rrggbb}, either case. */
    public static final String COLOUR = "#[0-9a-fA-F]{6}";
}
