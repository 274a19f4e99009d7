package io.cascade.subscriptions.internal;

import io.cascade.catalog.PlanManagement;
import io.cascade.catalog.PlanTerms;
import io.cascade.provisioning.NewTask;
import io.cascade.provisioning.Operation;
import io.cascade.provisioning.ProvisioningTaskFinished;
import io.cascade.provisioning.ProvisioningTasks;
import io.cascade.shared.Caller;
import io.cascade.subscriptions.Purpose;
import io.cascade.subscriptions.SubscriptionStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Carries a subscription's lifecycle to the services it consumes, through provisioning tasks (one per service of the
 * plan). An own-use subscription is PENDING until every PROVISION task is DONE, then ACTIVE; its changes, suspensions,
 * resumptions and cancellation are provisioned the same way once it was provisioned at all. A reseller's holding is
 * capacity for resale and provisions nothing.
 */
@Component
public class SubscriptionProvisioning {
    private final ProvisioningTasks provisioning;
    private final Subscriptions subscriptions;
    private final PlanManagement plans;
    private final JdbcClient jdbc;
    private final Clock clock;
    /** The engine asks this component to provision its changes, and this one asks the engine to activate. */
    private final ObjectProvider<SubscriptionEngine> engine;

    SubscriptionProvisioning(ProvisioningTasks provisioning, Subscriptions subscriptions, PlanManagement plans,
                             JdbcClient jdbc, Clock clock, ObjectProvider<SubscriptionEngine> engine) {
        this.engine = engine;
        this.provisioning = provisioning;
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Asks for the first provisioning of an own-use subscription whose start day came; false for a holding. */
    public boolean provision(Caller caller, Subscriptions.Row row) {
        if (row.purpose() == Purpose.RESALE) {
            return false;
        }
        jdbc.sql("UPDATE subscription SET provisioning_requested_at = :now WHERE id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", row.id()).update();
        List<NewTask> tasks = tasks(List.of(row), Operation.PROVISION);
        if (tasks.isEmpty()) {
            return false;
        }
        provisioning.request(caller, tasks);
        return true;
    }

    /** Carries a change of a subscription that was provisioned (or asked to be) to its services. */
    public void follow(Caller caller, Subscriptions.Row row, Operation operation) {
        followAll(caller, List.of(row.id()), operation);
    }

    /** The same for many subscriptions at once (an account's suspension cascade), as one batch of tasks. */
    public void followAll(Caller caller, List<UUID> subscriptionIds, Operation operation) {
        if (subscriptionIds.isEmpty()) {
            return;
        }
        List<UUID> requested = jdbc.sql("""
                        SELECT id FROM subscription WHERE id = ANY(:ids) AND purpose = 'OWN_USE'
                          AND provisioning_requested_at IS NOT NULL""")
                .param("ids", subscriptionIds.toArray(UUID[]::new)).query(UUID.class).list();
        List<Subscriptions.Row> rows = new ArrayList<>();
        for (UUID id : requested) {
            subscriptions.find(id).ifPresent(rows::add);
        }
        List<NewTask> tasks = tasks(rows, operation);
        if (!tasks.isEmpty()) {
            provisioning.request(caller, tasks);
        }
    }

    /** True once every PROVISION task of the subscription is DONE. */
    public boolean provisioned(UUID subscriptionId) {
        return jdbc.sql("SELECT provisioned_at IS NOT NULL FROM subscription WHERE id = :id").param("id", subscriptionId)
                .query(Boolean.class).optional().orElse(false);
    }

    /** The subscription becomes ACTIVE (or will be, on resumption) when its last PROVISION task is DONE. */
    @EventListener
    void on(ProvisioningTaskFinished event) {
        if (!NewTask.SUBSCRIPTION.equals(event.subjectType()) || event.operation() != Operation.PROVISION
                || !event.done() || !provisioning.provisioned(event.subjectId())) {
            return;
        }
        Subscriptions.Row row = subscriptions.lock(event.subjectId()).orElse(null);
        if (row == null || provisioned(row.id())) {
            return;
        }
        // billing starts on the start date, or on the day provisioning finished when that is a later day than the
        // day it was asked for (a service that took days to set up is not charged for the days before)
        java.time.LocalDate requested = jdbc.sql("SELECT provisioning_requested_at FROM subscription WHERE id = :id")
                .param("id", row.id()).query(Timestamp.class).optional()
                .map(t -> t.toInstant().atZone(clock.getZone()).toLocalDate()).orElse(row.startDate());
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        java.time.LocalDate effective = today.isAfter(requested) && today.isAfter(row.startDate()) ? today
                : row.startDate();
        jdbc.sql("""
                        UPDATE subscription SET provisioned_at = :now,
                               status_before_suspension = CASE WHEN status_before_suspension = 'PENDING'
                                   THEN 'ACTIVE' ELSE status_before_suspension END
                        WHERE id = :id""")
                .param("now", Timestamp.from(clock.instant())).param("id", row.id()).update();
        if (row.status() == SubscriptionStatus.PENDING) {
            engine.getObject().activate(event.caller(), row, effective);
        }
    }

    private List<NewTask> tasks(List<Subscriptions.Row> rows, Operation operation) {
        Map<UUID, PlanTerms> terms = new HashMap<>();
        Map<String, UUID> services = new HashMap<>();
        List<NewTask> tasks = new ArrayList<>();
        for (Subscriptions.Row row : rows) {
            PlanTerms plan = terms.computeIfAbsent(row.planId(), plans::terms);
            Map<UUID, BigDecimal> quantities = subscriptions.quantities(row.id());
            Set<String> codes = new LinkedHashSet<>();
            plan.resources().forEach(r -> codes.add(r.serviceCode()));
            for (String code : codes) {
                UUID serviceId = services.computeIfAbsent(code, c -> provisioning.serviceId(c).orElseThrow());
                Map<String, Object> resources = new LinkedHashMap<>();
                plan.resources().stream().filter(r -> r.serviceCode().equals(code)).forEach(r -> resources.put(
                        r.code(), Allocations.plain(quantities.getOrDefault(r.resourceTypeId(), BigDecimal.ZERO))));
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("planId", plan.id().toString());
                payload.put("vendorId", row.vendorId().toString());
                payload.put("startDate", row.startDate().toString());
                payload.put("resources", resources);
                tasks.add(new NewTask(row.accountId(), row.accountPath(), serviceId, operation,
                        NewTask.SUBSCRIPTION, row.id(), row.id(), payload));
            }
        }
        return tasks;
    }
}
