package io.cascade.storefront.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A vendor's storefront settings. A vendor that never saved any has none ({@code configured} false): disabled, no
 * slug, titled with its company name, AUTOMATIC, every published end-customer plan shown. Taxes are shown as the
 * vendor's billing settings configure its rates: net prices with the default rate ({@code taxRatePercent}).
 */
public record StorefrontView(UUID accountId, boolean configured, boolean enabled, String slug, String title,
                             String intro, ApprovalMode approval, List<UUID> shownPlanIds, Instant updatedAt,
                             @JsonIgnore long version) {
}
