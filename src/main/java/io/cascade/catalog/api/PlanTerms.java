package io.cascade.catalog.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a subscription needs of its plan: who sells it, to whom, and the resources with their limits. */
public record PlanTerms(UUID id, UUID vendorId, String vendorPath, Audience audience, BillingPeriod billingPeriod,
                        String currency, PlanStatus status, List<Resource> resources) {

    public record Resource(UUID resourceTypeId, String code, String serviceCode, BigDecimal included,
                           BigDecimal limit, LimitType limitType) {
    }

    public Optional<Resource> resource(String code) {
        return resources.stream().filter(r -> r.code().equals(code)).findFirst();
    }
}
