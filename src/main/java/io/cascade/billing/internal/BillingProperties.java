package io.cascade.billing.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Billing settings ({@code cascade.billing.*}).
 *
 * @param cron           when the scheduled run starts (a Spring cron expression, UTC); {@code -} turns it off.
 *                       Environment: {@code CASCADE_BILLING_CRON}
 * @param chunkSize      buyers claimed and written per transaction
 * @param lease          how long a node holds a claimed chunk before another node may take it over
 * @param workerInterval how often a node looks for a running run to help with (and for expired leases)
 * @param threads        how many chunks a node bills at once (computing one while the database writes another)
 */
@ConfigurationProperties("cascade.billing")
public record BillingProperties(String cron, Integer chunkSize, Duration lease, Duration workerInterval,
                                Integer threads) {
    public BillingProperties {
        cron = cron == null ? "0 30 0 * * *" : cron;
        chunkSize = chunkSize == null ? 1000 : chunkSize;
        lease = lease == null ? Duration.ofMinutes(5) : lease;
        workerInterval = workerInterval == null ? Duration.ofSeconds(5) : workerInterval;
        threads = threads == null || threads < 1 ? 2 : threads;
    }
}
