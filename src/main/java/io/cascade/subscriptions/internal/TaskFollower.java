package io.cascade.subscriptions.internal;

import io.cascade.provisioning.api.NewTask;
import io.cascade.provisioning.api.Operation;
import io.cascade.provisioning.api.ProvisioningTaskFinished;
import io.cascade.provisioning.api.ProvisioningTasks;
import io.cascade.subscriptions.api.SubscriptionStatus;
import io.cascade.subscriptions.api.SubscriptionTaskDone;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The subscriptions module's reaction to {@link ProvisioningTaskFinished}, in the transaction that finished the task
 * (docs/architecture.md, "Reactions"): a subscription becomes ACTIVE (or will be, on resumption) when its last
 * PROVISION task is DONE; then, for every DONE task of a subscription, {@link SubscriptionTaskDone} tells the modules
 * that follow a subscription's services (the SIMs) that it has been applied.
 */
@Component
class TaskFollower {
    private final ProvisioningTasks tasks;
    private final SubscriptionProvisioning provisioning;
    private final SubscriptionEngine engine;
    private final Subscriptions subscriptions;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    TaskFollower(ProvisioningTasks tasks, SubscriptionProvisioning provisioning, SubscriptionEngine engine,
                 Subscriptions subscriptions, ApplicationEventPublisher events, JdbcClient jdbc, Clock clock) {
        this.tasks = tasks;
        this.provisioning = provisioning;
        this.engine = engine;
        this.subscriptions = subscriptions;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(ProvisioningTaskFinished event) {
        if (!event.done() || !NewTask.SUBSCRIPTION.equals(event.subjectType())) {
            return;
        }
        if (event.operation() == Operation.PROVISION && tasks.provisioned(event.subjectId())) {
            provisioned(event);
        }
        events.publishEvent(new SubscriptionTaskDone(event.subjectId(), event.taskId(), event.operation(),
                event.caller()));
    }

    /** Every PROVISION task is DONE: the subscription is provisioned, and ACTIVE unless it is suspended. */
    private void provisioned(ProvisioningTaskFinished event) {
        Subscriptions.Row row = subscriptions.lock(event.subjectId()).orElse(null);
        if (row == null || provisioning.provisioned(row.id())) {
            return;
        }
        // billing starts on the start date, or on the day provisioning finished when that is a later day than the
        // day it was asked for (a service that took days to set up is not charged for the days before)
        LocalDate requested = jdbc.sql("SELECT provisioning_requested_at FROM subscription WHERE id = :id")
                .param("id", row.id()).query(Timestamp.class).optional()
                .map(t -> t.toInstant().atZone(clock.getZone()).toLocalDate()).orElse(row.startDate());
        LocalDate today = LocalDate.now(clock);
        LocalDate effective = today.isAfter(requested) && today.isAfter(row.startDate()) ? today : row.startDate();
        jdbc.sql("""
                        UPDATE subscription SET provisioned_at = :now,
                               status_before_suspension = CASE WHEN status_before_suspension = 'PENDING'
                                   THEN 'ACTIVE' ELSE status_before_suspension END
                        WHERE id = :id""")
                .param("now", Timestamp.from(clock.instant())).param("id", row.id()).update();
        if (row.status() == SubscriptionStatus.PENDING) {
            engine.activate(event.caller(), row, effective);
        }
    }
}
