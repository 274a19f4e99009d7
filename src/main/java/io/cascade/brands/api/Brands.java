package io.cascade.brands.api;

import java.util.Optional;
import java.util.UUID;

/**
 * Which brand an account shows (ADR 0033). The rule has two parts:
 * <ul>
 *   <li>a vendor (the provider or a reseller) shows its own brand, or else the nearest brand above it, or else the
 *   platform default;</li>
 *   <li>a customer's users, its documents and its mail show its vendor's brand, never one of their own.</li>
 * </ul>
 * Accounts are named by their materialized path (from {@code AccountFacts} or {@code ScopedAccount}), which holds
 * every ancestor, so that resolving a brand is one indexed read and needs no caller: the brand a document or mail
 * carries is not secret to the accounts it is shown to.
 */
public interface Brands {

    /** The brand a vendor sells under: its own, else the nearest above it, else {@link Brand#platformDefault()}. */
    Brand ofVendor(String vendorPath);

    /**
     * The brand the users of an account see, and its documents and mail carry: for a vendor its {@link #ofVendor}
     * brand, for a customer its vendor's.
     *
     * @param accountPath the account's materialized path
     * @param vendor      whether the account is a vendor (provider or reseller) rather than a customer
     */
    Brand seenBy(String accountPath, boolean vendor);

    /** The logo of the brand owned by this account, if it has one. */
    Optional<Logo> logo(UUID ownerId);

    /** A brand's logo: its media type and bytes (an SVG already sanitised when it was stored). */
    record Logo(String type, byte[] bytes) {
    }
}
