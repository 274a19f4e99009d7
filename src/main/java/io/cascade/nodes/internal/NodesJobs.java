package io.cascade.nodes.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The nodes module's job on the job engine: {@code node-health} looks every {@code cascade.nodes.probe-tick} (5 s) for
 * nodes whose probe is due, one node of the cluster at a time ({@link HealthProbes}).
 */
@Configuration(proxyBeanMethods = false)
class NodesJobs {

    @Bean
    RecurringTask<Void> nodeHealthJob(HealthProbes probes,
                                      @Value("${cascade.nodes.probe-tick:PT5S}") Duration tick) {
        return Tasks.recurring("node-health", Schedules.fixedDelay(tick))
                .execute((instance, context) -> probes.probeDue());
    }
}
