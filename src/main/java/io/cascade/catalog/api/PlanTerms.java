package io.cascade.catalog.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a subscription needs of its plan: who sells it, to whom, the resources with their limits, and its add-ons with
 * their prices (which never change, ADR 0036).
 */
public record PlanTerms(UUID id, UUID vendorId, String vendorPath, Audience audience, BillingPeriod billingPeriod,
                        String currency, PlanStatus status, List<Resource> resources, List<Addon> addons) {

    /** A plan without add-ons. */
    public PlanTerms(UUID id, UUID vendorId, String vendorPath, Audience audience, BillingPeriod billingPeriod,
                     String currency, PlanStatus status, List<Resource> resources) {
        this(id, vendorId, vendorPath, audience, billingPeriod, currency, status, resources, List.of());
    }

    public record Resource(UUID resourceTypeId, String code, String serviceCode, BigDecimal included,
                           BigDecimal limit, LimitType limitType) {
    }

    /** An add-on: the setup fee once when first ordered, the recurring fee per unit and period. */
    public record Addon(UUID id, String code, String name, BigDecimal setupFee, BigDecimal recurringFee,
                        int maxQuantity, AddonStatus status) {
    }

    public Optional<Addon> addon(UUID addonId) {
        return addons.stream().filter(a -> a.id().equals(addonId)).findFirst();
    }

    public Optional<Resource> resource(String code) {
        return resources.stream().filter(r -> r.code().equals(code)).findFirst();
    }
}
