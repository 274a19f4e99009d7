package io.cascade.billing.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

/**
 * Folds the revenue deltas that invoices leave per statement ({@code invoice_revenue}, ADR 0044) into one row per
 * account, tier, currency and month: a recurring job on the job engine ({@code cascade.billing.revenue-fold-interval},
 * one minute). Reads sum folded rows and deltas alike, so a fold changes no figure; it keeps the rows a dashboard
 * reads to a few per month, however many billing chunks wrote invoices. Safe on several nodes at once: each fold
 * takes the deltas it deletes, and a delta another fold deleted first is skipped.
 */
@Configuration(proxyBeanMethods = false)
public class RevenueFold {

    @Bean
    RecurringTask<Void> invoiceRevenueFold(JdbcClient jdbc,
                                           @Value("${cascade.billing.revenue-fold-interval:PT1M}") Duration interval) {
        return Tasks.recurring("invoice-revenue-fold", Schedules.fixedDelay(interval))
                .execute((instance, context) -> fold(jdbc));
    }

    /** Folds the deltas written so far; answers how many there were. */
    public static long fold(JdbcClient jdbc) {
        return jdbc.sql("SELECT invoice_revenue_fold()").query(Long.class).single();
    }
}
