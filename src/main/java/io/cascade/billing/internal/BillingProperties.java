package io.cascade.billing.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Billing settings ({@code cascade.billing.*}).
 *
 * @param cron           when the scheduled run starts (a Spring cron expression, UTC); {@code -} turns it off.
 *                       Environment: {@code CASCADE_BILLING_CRON}
 * @param chunkSize      buyers per chunk: one job, claimed and written in one transaction
 * @param workerInterval how soon a chunk is looked at again when some of its buyers were still held by an earlier
 *                       executor, or when its execution failed as a whole
 */
@ConfigurationProperties("cascade.billing")
public record BillingProperties(String cron, Integer chunkSize, Duration workerInterval) {
    public BillingProperties {
        cron = cron == null ? "0 30 0 * * *" : cron;
        chunkSize = chunkSize == null || chunkSize < 1 ? 1000 : chunkSize;
        workerInterval = workerInterval == null ? Duration.ofSeconds(5) : workerInterval;
    }
}
