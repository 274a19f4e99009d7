package io.cascade.subscriptions.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The subscriptions' job on the job engine: the sweep of due items every {@code cascade.subscriptions.scheduler-interval}. */
@Configuration(proxyBeanMethods = false)
class SubscriptionJobs {

    @Bean
    RecurringTask<Void> subscriptionChanges(SubscriptionScheduler scheduler,
                                            @Value("${cascade.subscriptions.scheduler-interval:PT1M}")
                                            Duration interval) {
        return Tasks.recurring("subscription-changes", Schedules.fixedDelay(interval))
                .execute((instance, context) -> scheduler.run());
    }
}
