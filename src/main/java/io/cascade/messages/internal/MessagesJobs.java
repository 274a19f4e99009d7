package io.cascade.messages.internal;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.cascade.platform.api.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The outbox's jobs on the job engine: {@code cascade.messages.dispatchers} executions of {@code outbox-dispatch}
 * (ids {@code 1..n}), each working a slice and then run again at once, by any node.
 */
@Configuration(proxyBeanMethods = false)
class MessagesJobs {
    static final TaskDescriptor<Void> DISPATCH = TaskDescriptor.of("outbox-dispatch");
    /** Makes the messages waiting for a hold key (the execution's id) due, batch by batch. */
    static final TaskDescriptor<Void> RELEASE = TaskDescriptor.of("outbox-release");
    private static final int RELEASE_BATCH = 10_000;
    private static final Logger log = LoggerFactory.getLogger(MessagesJobs.class);

    @Bean
    CustomTask<Void> outboxDispatchJob(OutboxDispatcher dispatcher, MessagesSettings settings) {
        return Tasks.custom(DISPATCH).onDeadExecutionRevive()
                .onFailure((complete, operations) -> operations.reschedule(complete,
                        complete.getTimeDone().plusSeconds(1)))
                .execute((instance, context) -> {
                    dispatcher.work(context);
                    // after a slice of work at once; after an idle look, one idle poll later
                    return (complete, operations) -> operations.reschedule(complete,
                            Instant.now().plus(settings.idlePoll));
                });
    }

    @Bean
    OneTimeTask<Void> outboxReleaseJob(OutboxStore store, OutboxWake wake) {
        return Tasks.oneTime(RELEASE).onDeadExecutionRevive().execute((instance, context) -> {
            int released;
            int total = 0;
            do {
                // each batch its own statement and commit; a node that dies halfway leaves the rest to the next
                released = store.release(instance.getId(), RELEASE_BATCH);
                total += released;
                wake.signal();
            } while (released == RELEASE_BATCH);
            log.info("{} messages waiting for {} are due now", total, instance.getId());
        });
    }

    @Bean
    DispatcherStart outboxDispatcherStart(Jobs jobs, MessagesSettings settings, OutboxStore store,
                                          MailTransport transport) {
        return new DispatcherStart(jobs, settings, store, transport);
    }

    /** Makes sure the dispatchers exist, and releases held mail once an SMTP host is set. */
    static final class DispatcherStart {
        private final Jobs jobs;
        private final MessagesSettings settings;
        private final OutboxStore store;
        private final MailTransport transport;

        DispatcherStart(Jobs jobs, MessagesSettings settings, OutboxStore store, MailTransport transport) {
            this.jobs = jobs;
            this.settings = settings;
            this.store = store;
            this.transport = transport;
        }

        @EventListener(ApplicationReadyEvent.class)
        void start() {
            // one by one, each scheduled or moved to now: after a restart, and on a second node, they already exist
            List<TaskInstance<?>> instances = IntStream.rangeClosed(1, settings.dispatchers)
                    .<TaskInstance<?>>mapToObj(i -> DISPATCH.instance(Integer.toString(i)).build()).toList();
            for (TaskInstance<?> instance : instances) {
                try {
                    jobs.runSoon(instance);
                } catch (RuntimeException e) {
                    log.info("Dispatcher {} is being scheduled by another node: {}", instance.getId(), e.toString());
                }
            }
            if (transport.configured()) {
                int released = store.releaseHeld();
                if (released > 0) {
                    log.info("{} mails kept while no SMTP host was set are now sent", released);
                }
            } else {
                log.info("No SMTP host is set (CASCADE_MAIL_HOST): mail is kept and shown in the panel's sent mail");
            }
        }
    }
}
