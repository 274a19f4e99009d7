package io.cascade.brands.api;

import java.time.Instant;
import java.util.UUID;

/**
 * The brand a page, document or mail shows: the vendor's own, the nearest one above it, or the platform's default
 * ({@link #platformDefault()}) when no account on the way up has one.
 *
 * @param ownerId         the account whose brand this is; null for the platform default
 * @param displayName     the name shown in headers, titles, documents and mail
 * @param primaryColour   {@code #rrggbb}, the header and buttons
 * @param accentColour    {@code #rrggbb}, links and highlights
 * @param logoType        the logo's media type ({@code image/png} or {@code image/svg+xml}); null without a logo
 * @param supportEmail    where customers write for help; may be null
 * @param supportPhone    may be null
 * @param supportUrl      may be null
 * @param legalFooter     the small print under documents and mail; may be null
 * @param senderName      the display name of the brand's mail; may be null (then the display name)
 * @param senderAddress   the address the brand's mail comes from; may be null (then the platform's sender)
 * @param updatedAt       when the brand last changed (for caching its logo); null for the platform default
 * @param logoSha256      the SHA-256 (hex) of the logo's bytes, its public name ({@link #logoPath()}); null without
 *                        a logo
 */
public record Brand(UUID ownerId, String displayName, String primaryColour, String accentColour, String logoType,
                    String supportEmail, String supportPhone, String supportUrl, String legalFooter,
                    String senderName, String senderAddress, Instant updatedAt, String logoSha256) {

    /** The public path of brand assets: logos by their hash, colour sheets by their colours; cacheable, no ids. */
    public static final String ASSETS = "/brand-assets/";

    /** A brand whose logo has no public name (yet). */
    public Brand(UUID ownerId, String displayName, String primaryColour, String accentColour, String logoType,
                 String supportEmail, String supportPhone, String supportUrl, String legalFooter,
                 String senderName, String senderAddress, Instant updatedAt) {
        this(ownerId, displayName, primaryColour, accentColour, logoType, supportEmail, supportPhone, supportUrl,
                legalFooter, senderName, senderAddress, updatedAt, null);
    }

    public static final String DEFAULT_NAME = "Cascade";
    public static final String DEFAULT_PRIMARY = "#1f4e79";
    public static final String DEFAULT_ACCENT = "#0b6e4f";

    /** The brand shown where no account on the way up has one of its own. */
    public static Brand platformDefault() {
        return new Brand(null, DEFAULT_NAME, DEFAULT_PRIMARY, DEFAULT_ACCENT, null, null, null, null, null, null, null,
                null, null);
    }

    public boolean hasLogo() {
        return logoType != null;
    }

    /** Whether this is the platform's default brand (no account on the way up has one). */
    public boolean isPlatformDefault() {
        return ownerId == null;
    }

    /**
     * The logo's public path ({@code /brand-assets/{sha256}.png} or {@code .svg}), the same for every account that
     * shows this brand and cacheable for ever; null without a logo. Mail and documents prefix the public URL.
     */
    public String logoPath() {
        if (logoType == null || logoSha256 == null) {
            return null;
        }
        return ASSETS + logoSha256 + ("image/svg+xml".equals(logoType) ? ".svg" : ".png");
    }

    /**
     * The style sheet that sets the panel's colour properties for this brand
     * ({@code /brand-assets/colours-1f4e79-0b6e4f.css}); null for the platform default, whose look is the panel's own.
     */
    public String coloursPath() {
        if (isPlatformDefault() || primaryColour == null || accentColour == null) {
            return null;
        }
        return ASSETS + "colours-" + primaryColour.substring(1) + "-" + accentColour.substring(1) + ".css";
    }

    /** The name mail of this brand is sent under. */
    public String mailDisplayName() {
        return senderName != null ? senderName : displayName;
    }
}
