package io.cascade.subscriptions.internal;

import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PlanTerms;
import io.cascade.provisioning.api.NewTask;
import io.cascade.provisioning.api.Operation;
import io.cascade.provisioning.api.ProvisioningTasks;
import io.cascade.shared.Caller;
import io.cascade.subscriptions.api.Purpose;
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

    SubscriptionProvisioning(ProvisioningTasks provisioning, Subscriptions subscriptions, PlanManagement plans,
                             JdbcClient jdbc, Clock clock) {
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

    /**
     * The same for many subscriptions at once, as one batch of tasks. A SUSPEND or RESUME also records whether the
     * services were last asked to be suspended ({@code services_suspended}, read by {@link #catchUp}).
     */
    public void followAll(Caller caller, List<UUID> subscriptionIds, Operation operation) {
        if (subscriptionIds.isEmpty()) {
            return;
        }
        List<UUID> requested = jdbc.sql("""
                        SELECT id FROM subscription WHERE id = ANY(:ids) AND purpose = 'OWN_USE'
                          AND provisioning_requested_at IS NOT NULL""")
                .param("ids", subscriptionIds.toArray(UUID[]::new)).query(UUID.class).list();
        if (operation == Operation.SUSPEND || operation == Operation.RESUME) {
            jdbc.sql("UPDATE subscription SET services_suspended = :suspended WHERE id = ANY(:ids)")
                    .param("suspended", operation == Operation.SUSPEND)
                    .param("ids", requested.toArray(UUID[]::new)).update();
        }
        request(caller, requested, operation);
    }

    /**
     * Brings the services of these subscriptions in line with their status, requesting only what is missing: SUSPEND
     * for a SUSPENDED one whose services were not asked to suspend yet, RESUME for an ACTIVE or PENDING one whose
     * services were. The rows are locked in id order and claimed by the same statement that flips
     * {@code services_suspended}, so that running this twice — at once on two nodes, or again after a crash —
     * requests every task once, and the last status wins whatever order suspensions and resumptions come in.
     */
    public void catchUp(Caller caller, List<UUID> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return;
        }
        UUID[] ids = subscriptionIds.toArray(UUID[]::new);
        List<UUID> suspend = jdbc.sql("""
                        UPDATE subscription s SET services_suspended = true
                        FROM (SELECT id FROM subscription
                              WHERE id = ANY(:ids) AND status = 'SUSPENDED' AND NOT services_suspended
                                AND purpose = 'OWN_USE' AND provisioning_requested_at IS NOT NULL
                              ORDER BY id FOR UPDATE) behind
                        WHERE s.id = behind.id
                        RETURNING s.id""")
                .param("ids", ids).query(UUID.class).list();
        List<UUID> resume = jdbc.sql("""
                        UPDATE subscription s SET services_suspended = false
                        FROM (SELECT id FROM subscription
                              WHERE id = ANY(:ids) AND status IN ('ACTIVE', 'PENDING') AND services_suspended
                              ORDER BY id FOR UPDATE) behind
                        WHERE s.id = behind.id
                        RETURNING s.id""")
                .param("ids", ids).query(UUID.class).list();
        request(caller, suspend.stream().sorted().toList(), Operation.SUSPEND);
        request(caller, resume.stream().sorted().toList(), Operation.RESUME);
    }

    private void request(Caller caller, List<UUID> subscriptionIds, Operation operation) {
        List<Subscriptions.Row> rows = new ArrayList<>();
        for (UUID id : subscriptionIds) {
            subscriptions.find(id).ifPresent(rows::add);
        }
        List<NewTask> tasks = tasks(rows, operation);
        if (!tasks.isEmpty()) {
            provisioning.request(caller, tasks);
        }
    }

    /**
     * Asks the service that delivers one metered resource to stop it ({@link Operation#ENFORCE}) or start it again
     * ({@link Operation#LIFT}), for an own-use subscription that was provisioned (or asked to be); nothing otherwise.
     */
    public void followLimit(Caller caller, Subscriptions.Row row, String serviceCode, Operation operation,
                            Map<String, Object> payload) {
        if (row.purpose() == Purpose.RESALE || !jdbc.sql(
                "SELECT provisioning_requested_at IS NOT NULL FROM subscription WHERE id = :id")
                .param("id", row.id()).query(Boolean.class).optional().orElse(false)) {
            return;
        }
        UUID serviceId = provisioning.serviceId(serviceCode).orElseThrow();
        provisioning.request(caller, new NewTask(row.accountId(), row.accountPath(), serviceId, operation,
                NewTask.SUBSCRIPTION, row.id(), row.id(), payload));
    }

    /** True once every PROVISION task of the subscription is DONE. */
    public boolean provisioned(UUID subscriptionId) {
        return jdbc.sql("SELECT provisioned_at IS NOT NULL FROM subscription WHERE id = :id").param("id", subscriptionId)
                .query(Boolean.class).optional().orElse(false);
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
