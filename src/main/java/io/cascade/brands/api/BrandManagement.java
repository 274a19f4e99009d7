package io.cascade.brands.api;

import io.cascade.shared.Caller;

import java.util.UUID;

/**
 * A vendor's brand (ADR 0033): set and remove its own brand and logo, choose what it shows without one, and the
 * provider's brand policy. Only vendors (the provider and resellers) have a brand: a customer's does not exist (404),
 * like an account outside the caller's subtree; a vendor manages its own brand and those of the resellers it covers.
 * Reading needs ACCOUNTS_READ or SETTINGS_MANAGE, changing SETTINGS_MANAGE. Every change is audited; bad input
 * changes nothing.
 */
public interface BrandManagement {

    /** The largest logo accepted, in bytes. */
    int MAX_LOGO_BYTES = 256 * 1024;

    /** The largest width and height of a PNG logo, in pixels. */
    int MAX_LOGO_PIXELS = 1024;

    BrandView brand(Caller caller, UUID accountId);

    /** Sets the account's own brand (creating it or replacing its fields; the logo stays). */
    BrandView set(Caller caller, UUID accountId, String ifMatch, BrandDraft draft);

    /** Removes the account's own brand (and its logo): it shows its fallback again. */
    BrandView remove(Caller caller, UUID accountId, String ifMatch);

    /**
     * Sets the logo of the account's own brand: a PNG (checked by its signature, decoded, at most
     * {@link #MAX_LOGO_PIXELS} wide and high) or an SVG (parsed without DTDs or external entities, sanitised by an
     * allow-list; the sanitised bytes are stored), at most {@link #MAX_LOGO_BYTES}.
     *
     * @param mediaType {@code image/png} or {@code image/svg+xml}
     */
    BrandView setLogo(Caller caller, UUID accountId, String ifMatch, String mediaType, byte[] bytes);

    BrandView removeLogo(Caller caller, UUID accountId, String ifMatch);

    /** What the account shows while it has no brand of its own. */
    BrandView choose(Caller caller, UUID accountId, String ifMatch, BrandFallback fallback);

    /** The provider's brand policy, readable by every signed-in user. */
    BrandPolicyView policy(Caller caller);

    /** Changes the brand policy: the provider's staff only, with SETTINGS_MANAGE. */
    BrandPolicyView updatePolicy(Caller caller, String ifMatch, BrandPolicy policy);
}
