package io.cascade.billing.internal;

import io.cascade.brands.api.Brand;
import io.cascade.brands.api.Brands;
import org.springframework.stereotype.Component;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The brand a billing document carries (issue 18): its issuer's, as {@link Brands#ofVendor} resolves it — the
 * issuer's own brand, else the nearest one above it. A document whose issuer has no brand on its way up carries none:
 * its header is the issuer's company name as before, and never the platform's name.
 */
@Component
public class DocumentBrands {
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    private final Brands brands;

    DocumentBrands(Brands brands) {
        this.brands = brands;
    }

    /**
     * What a document shows of a brand.
     *
     * @param branded  false when no account on the issuer's way up has a brand (then only the colour is set)
     * @param name     the brand's display name (null when not branded)
     * @param primary  the colour of the header rule and table heads, {@code #rrggbb}
     * @param logo     a {@code data:} URI of the PNG logo; null without one, and for an SVG logo, which the PDF
     *                 renderer cannot draw (the name stands alone then)
     */
    public record DocumentBrand(boolean branded, String name, String primary, String logo, String supportEmail,
                         String supportPhone, String supportUrl, String legalFooter) {
        /** Whether the footer has anything to show. */
        public boolean hasFooter() {
            return supportEmail != null || supportPhone != null || supportUrl != null || legalFooter != null;
        }
    }

    /** The brand of the documents this issuer (its materialized path) issues. */
    DocumentBrand ofIssuer(String issuerPath) {
        Brand brand = brands.ofVendor(issuerPath);
        String primary = brand.primaryColour() != null && COLOUR.matcher(brand.primaryColour()).matches()
                ? brand.primaryColour() : Brand.DEFAULT_PRIMARY;
        if (brand.ownerId() == null) {
            return new DocumentBrand(false, null, primary, null, null, null, null, null);
        }
        String logo = null;
        if ("image/png".equals(brand.logoType())) {
            logo = brands.logo(brand.ownerId())
                    .filter(l -> "image/png".equals(l.type()) && l.bytes() != null && l.bytes().length > 0)
                    .map(l -> "data:image/png;base64," + Base64.getEncoder().encodeToString(l.bytes()))
                    .orElse(null);
        }
        return new DocumentBrand(true, brand.displayName(), primary, logo, blankToNull(brand.supportEmail()),
                blankToNull(brand.supportPhone()), blankToNull(brand.supportUrl()), blankToNull(brand.legalFooter()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
