package io.cascade.brands.api;

import java.time.Instant;
import java.util.UUID;

/**
 * The brand an account shows, as its management sees it: the brand's fields, where it comes from, and the account's
 * choice for when it has none. {@code inheritedFrom} names the owner of an inherited brand only when the caller
 * covers that account; above the caller's own account it stays null (a reseller learns no names above it here).
 *
 * @param accountId       the vendor this view is of
 * @param source          where the brand comes from
 * @param inheritedFrom   the owner of an inherited brand, when the caller may know it; else null
 * @param logo            the logo, null without one
 * @param fallback        what the account shows while it has no brand of its own
 * @param fallbackChoosable whether the provider lets vendors choose {@link BrandFallback#OWN_NAME}
 * @param version         the brand resource's version (its ETag)
 */
public record BrandView(UUID accountId, BrandSource source, Owner inheritedFrom, String displayName,
                        String primaryColour, String accentColour, Logo logo, String supportEmail,
                        String supportPhone, String supportUrl, String legalFooter, String senderName,
                        String senderAddress, BrandFallback fallback, boolean fallbackChoosable, Instant updatedAt,
                        long version) {

    /** The account a brand is inherited from. */
    public record Owner(UUID accountId, String companyName) {
    }

    /**
     * A brand's logo.
     *
     * @param type   {@code image/png} or {@code image/svg+xml}
     * @param url    its public path, named by its SHA-256: cacheable, names no account
     * @param sha256 the SHA-256 of its bytes (hex)
     */
    public record Logo(String type, String url, String sha256) {
    }

    /** Whether the account has a brand of its own. */
    public boolean own() {
        return source == BrandSource.OWN;
    }
}
