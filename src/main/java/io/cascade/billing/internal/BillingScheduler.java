package io.cascade.billing.internal;

import io.cascade.billing.BillingRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** The daily billing run ({@code cascade.billing.cron}, environment CASCADE_BILLING_CRON; {@code -} turns it off). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
class BillingScheduler {
    private static final Logger log = LoggerFactory.getLogger(BillingScheduler.class);

    private final BillingRuns runs;

    BillingScheduler(BillingRuns runs) {
        this.runs = runs;
    }

    @Scheduled(cron = "${cascade.billing.cron:0 30 0 * * *}", zone = "UTC")
    void daily() {
        runs.startScheduled().ifPresent(id -> log.info("Scheduled billing run {} started", id));
    }
}
