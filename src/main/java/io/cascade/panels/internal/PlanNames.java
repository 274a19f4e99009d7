package io.cascade.panels.internal;

import io.cascade.catalog.api.OfferingManagement;
import io.cascade.catalog.api.OfferingView;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.shared.Caller;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The names of plans a page mentions by id: those a commission reseller is offered (even once retired), then every
 * plan the viewer may read; a plan it may not read shows as "Plan" and the start of its id.
 */
@Component
class PlanNames {
    private final PlanManagement plans;
    private final OfferingManagement offerings;

    PlanNames(PlanManagement plans, OfferingManagement offerings) {
        this.plans = plans;
        this.offerings = offerings;
    }

    Map<UUID, String> ofOfferings(Caller caller, UUID resellerId, Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        try {
            for (OfferingView o : offerings.list(caller, resellerId).items()) {
                names.put(o.planId(), o.planName());
            }
        } catch (NotFoundException | ForbiddenException | RuleViolationException e) {
            // the viewer may not read the offerings: each plan on its own below
        }
        for (UUID id : ids) {
            names.computeIfAbsent(id, plan -> name(caller, plan));
        }
        return names;
    }

    private String name(Caller caller, UUID id) {
        try {
            return plans.get(caller, id).name();
        } catch (NotFoundException | ForbiddenException e) {
            return "Plan " + id.toString().substring(0, 8);
        }
    }
}
