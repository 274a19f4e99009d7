package io.cascade.storefront.api;

import io.cascade.brands.api.Brand;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An enabled storefront as the public sees it: the vendor behind it, its texts, its approval mode and which plans it
 * shows (null: every published end-customer plan), and the vendor's brand.
 */
public record PublicStorefront(UUID vendorId, String vendorPath, String slug, String title, String intro,
                               ApprovalMode approval, List<UUID> shownPlanIds, Brand brand, long version,
                               Instant updatedAt) {
}
