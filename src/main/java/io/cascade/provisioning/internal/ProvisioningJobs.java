package io.cascade.provisioning.internal;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Provisioning's jobs on the job engine: one per task that is not carried out at once ({@link TaskRunner}), and the
 * usage collection every {@code cascade.provisioning.usage-interval} ({@link UsageCollection}).
 */
@Configuration(proxyBeanMethods = false)
class ProvisioningJobs {
    static final TaskDescriptor<Void> TASK = TaskDescriptor.of("provisioning-task");

    @Bean
    CustomTask<Void> provisioningTaskJob(TaskRunner runner, RunnerSettings settings) {
        // an execution that failed as a whole (recording its outcome failed): the task is taken up again after the
        // back-off, as an attempt whose node stopped
        return Tasks.custom(TASK).onDeadExecutionRevive()
                .onFailure((complete, operations) -> operations.reschedule(complete,
                        complete.getTimeDone().plus(settings.backoff)))
                .execute(runner::execute);
    }

    @Bean
    RecurringTask<Void> usageCollectionJob(UsageCollection collection,
                                        @Value("${cascade.provisioning.usage-interval:PT15M}") Duration interval) {
        return Tasks.recurring("usage-collection", Schedules.fixedDelay(interval))
                .execute((instance, context) -> collection.collect());
    }
}
