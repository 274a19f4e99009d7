package io.cascade.platform.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The one job engine of this node (db-scheduler, docs/adr/0017-one-job-engine.md): it runs the executions of every
 * job that the modules define as {@link Task} beans, on {@code cascade.jobs.threads} threads, polling
 * {@code scheduled_tasks} every {@code cascade.jobs.poll-interval} with lock-and-fetch (one {@code UPDATE … FOR UPDATE
 * SKIP LOCKED … RETURNING} picks at most as many due executions as there are free threads, so nodes share the work).
 * A running execution's heartbeat is written every fifth of {@code cascade.jobs.dead-after}; an execution without one
 * for that long belongs to a dead node and is run again. It starts once the context has been refreshed — after Flyway
 * migrated the schema — and stops first on shutdown, waiting up to {@code cascade.jobs.shutdown-wait} for running
 * executions; what it has not finished then is run again by the next node that sees its heartbeat stop. Its
 * executions are counted per job, by result, in db-scheduler's Micrometer metrics (on the Prometheus endpoint).
 */
@Component
class JobEngine implements SmartLifecycle {
    static final JdbcCustomization POSTGRESQL = new PostgreSqlJdbcCustomization(false, false);
    private static final int MISSED_HEARTBEATS = 5;
    private static final Logger log = LoggerFactory.getLogger(JobEngine.class);

    private final DataSource dataSource;
    private final List<Task<?>> tasks;
    private final JobClient client;
    private final ObjectProvider<MeterRegistry> meters;
    private final boolean enabled;
    private final int threads;
    private final Duration pollInterval;
    private final Duration deadAfter;
    private final Duration shutdownWait;
    private volatile Scheduler scheduler;

    JobEngine(DataSource dataSource, List<Task<?>> tasks, JobClient client, ObjectProvider<MeterRegistry> meters,
              @Value("${cascade.jobs.enabled:${cascade.provisioning.runner-enabled:true}}") boolean enabled,
              @Value("${cascade.jobs.threads:${cascade.provisioning.workers:6}}") int threads,
              @Value("${cascade.jobs.poll-interval:${cascade.provisioning.poll-interval:PT5S}}") Duration pollInterval,
              @Value("${cascade.jobs.dead-after:${cascade.provisioning.lease:${cascade.billing.lease:PT5M}}}")
              Duration deadAfter,
              @Value("${cascade.jobs.shutdown-wait:PT30S}") Duration shutdownWait) {
        if (threads < 1 || pollInterval.isNegative() || pollInterval.isZero() || deadAfter.toMillis() < 1000) {
            throw new IllegalArgumentException("cascade.jobs: threads must be positive, the poll interval too, and "
                    + "dead-after at least a second");
        }
        this.dataSource = JobClient.transactionAware(dataSource);
        this.tasks = tasks;
        this.client = client;
        this.meters = meters;
        this.enabled = enabled;
        this.threads = threads;
        this.pollInterval = pollInterval;
        this.deadAfter = deadAfter;
        this.shutdownWait = shutdownWait;
    }

    @Override
    public void start() {
        if (!enabled) {
            log.info("The job engine is off on this node (cascade.jobs.enabled=false): it runs no jobs");
            return;
        }
        List<Task<?>> known = new ArrayList<>();
        List<Task<?>> startTasks = new ArrayList<>();
        for (Task<?> task : tasks) {
            (task instanceof OnStartup ? startTasks : known).add(task);
        }
        SchedulerBuilder builder = startTasks(Scheduler.create(dataSource, known), startTasks);
        meters.ifAvailable(registry -> builder.statsRegistry(new MicrometerStatsRegistry(registry, tasks)));
        Scheduler engine = builder
                .schedulerName(new SchedulerName.Fixed(nodeName()))
                .threads(threads)
                .pollingInterval(pollInterval)
                .pollUsingLockAndFetch(0.5, 1.0)
                .heartbeatInterval(deadAfter.dividedBy(MISSED_HEARTBEATS))
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .jdbcCustomization(POSTGRESQL)
                .enableImmediateExecution()
                .shutdownMaxWait(shutdownWait)
                .build();
        engine.start();
        scheduler = engine;
        client.attach(engine);
    }

    @Override
    public void stop() {
        Scheduler engine = scheduler;
        if (engine != null) {
            client.attach(null);
            engine.stop();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** This node's name in {@code scheduled_tasks.picked_by}: the host and a random suffix, so nodes on one host differ. */
    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Recurring jobs: scheduled at start unless they are already (db-scheduler wants them typed as OnStartup). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static SchedulerBuilder startTasks(SchedulerBuilder builder, List<Task<?>> startTasks) {
        return builder.startTasks((List) startTasks);
    }
}
