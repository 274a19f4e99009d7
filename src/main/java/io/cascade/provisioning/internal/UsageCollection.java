package io.cascade.provisioning.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceView;
import io.cascade.provisioning.api.ProvisioningAdapter;
import io.cascade.provisioning.api.ProvisioningRequest;
import io.cascade.provisioning.api.UsageReading;
import io.cascade.shared.Caller;
import io.cascade.usage.api.UsageMetering;
import io.cascade.usage.api.UsageReceipt;
import io.cascade.usage.api.UsageRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks every adapter for the usage its systems measured ({@link ProvisioningAdapter#reportUsage}) and stores it as
 * usage records through the usage module, as the platform: a recurring job on the job engine
 * ({@link ProvisioningJobs}, every {@code usage-interval}). Readings look back {@code usage-lookback} (two days) on
 * every run; a reading reported before is a duplicate by its record id and changes nothing, so a run that is repeated
 * or missed loses nothing.
 */
@Component
class UsageCollection {
    private static final Logger log = LoggerFactory.getLogger(UsageCollection.class);

    private final Adapters adapters;
    private final ServiceCatalog catalog;
    private final UsageMetering usage;
    private final AccountScope scope;
    private final Duration lookback;
    private final Clock clock;

    UsageCollection(Adapters adapters, ServiceCatalog catalog, UsageMetering usage, AccountScope scope,
                    @Value("${cascade.provisioning.usage-lookback:P2D}") Duration lookback, Clock clock) {
        this.adapters = adapters;
        this.catalog = catalog;
        this.usage = usage;
        this.scope = scope;
        this.lookback = lookback;
        this.clock = clock;
    }

    /** One collection over all services; answers how many new usage records were stored. */
    int collect() {
        ScopedAccount provider = scope.provider().orElse(null);
        if (provider == null) {
            return 0; // before the first start has created the tree
        }
        Caller platform = Caller.system(provider.id(), provider.path(), "usage-collection");
        Instant since = clock.instant().minus(lookback);
        int stored = 0;
        for (ServiceView service : catalog.allSettings()) {
            Optional<ProvisioningAdapter> adapter = adapters.get(service.adapter());
            if (adapter.isEmpty() || adapter.get().immediate()) {
                continue;
            }
            List<UsageReading> readings;
            try {
                readings = adapter.get().reportUsage(new ProvisioningRequest.ServiceSettings(service.id(),
                        service.code(), service.adapter(), service.adapterConfig() == null ? Map.of()
                        : service.adapterConfig()), since);
            } catch (RuntimeException e) {
                log.warn("The {} adapter could not report usage of service {}: {}", service.adapter(),
                        service.code(), e.getMessage());
                continue;
            }
            for (int from = 0; from < readings.size(); from += UsageMetering.MAX_BATCH) {
                List<UsageReading> chunk = readings.subList(from, Math.min(readings.size(),
                        from + UsageMetering.MAX_BATCH));
                UsageReceipt receipt = usage.ingest(platform, batch(chunk));
                stored += receipt.accepted();
                if (!receipt.rejected().isEmpty()) {
                    log.warn("{} usage readings of service {} were refused, e.g. {}", receipt.rejected().size(),
                            service.code(), receipt.rejected().get(0));
                }
            }
        }
        return stored;
    }

    private static List<UsageRecord> batch(List<UsageReading> readings) {
        List<UsageRecord> records = new ArrayList<>(readings.size());
        for (UsageReading reading : readings) {
            records.add(new UsageRecord(reading.recordId(), reading.subscriptionId(), reading.resourceType(),
                    reading.quantity(), reading.at()));
        }
        return records;
    }
}
