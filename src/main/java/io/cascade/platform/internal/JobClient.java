package io.cascade.platform.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.cascade.platform.api.Jobs;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

/**
 * Schedules executions on the caller's connection (a transaction-aware DataSource: the rows commit or roll back with
 * the caller's transaction) and then wakes this node's engine, if it runs one, so that work asked for now starts now
 * instead of at the next poll.
 */
@Component
class JobClient implements Jobs {
    private final SchedulerClient client;
    private volatile Scheduler engine;

    JobClient(DataSource dataSource) {
        this.client = SchedulerClient.Builder.create(transactionAware(dataSource))
                .jdbcCustomization(JobEngine.POSTGRESQL).build();
    }

    static DataSource transactionAware(DataSource dataSource) {
        return dataSource instanceof TransactionAwareDataSourceProxy ? dataSource
                : new TransactionAwareDataSourceProxy(dataSource);
    }

    /** This node's engine, once started (null again when it stops). */
    void attach(Scheduler scheduler) {
        this.engine = scheduler;
    }

    @Override
    public void runSoon(TaskInstance<?> instance) {
        try {
            client.schedule(instance, Instant.now(), SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } catch (TaskInstanceCurrentlyExecutingException e) {
            return; // the running execution decides what comes next
        }
        wakeAfterCommit();
    }

    @Override
    public void runSoon(List<TaskInstance<?>> instances) {
        if (instances.isEmpty()) {
            return;
        }
        client.scheduleBatch(instances, Instant.now());
        wakeAfterCommit();
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    private void wake() {
        Scheduler scheduler = engine;
        if (scheduler != null) {
            scheduler.triggerCheckForDueExecutions();
        }
    }
}
