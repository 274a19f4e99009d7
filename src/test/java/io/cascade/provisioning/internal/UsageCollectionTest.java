package io.cascade.provisioning.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceView;
import io.cascade.provisioning.api.Outcome;
import io.cascade.provisioning.api.ProvisioningAdapter;
import io.cascade.provisioning.api.ProvisioningRequest;
import io.cascade.provisioning.api.UsageReading;
import io.cascade.shared.Caller;
import io.cascade.usage.api.UsageMetering;
import io.cascade.usage.api.UsageReceipt;
import io.cascade.usage.api.UsageRecord;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Usage that adapters report is stored through the usage module, as the platform, with a look-back window. */
class UsageCollectionTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    /** An adapter whose systems measured data usage; records what it was asked. */
    static final class Metering implements ProvisioningAdapter {
        final AtomicReference<Instant> askedSince = new AtomicReference<>();
        final List<UsageReading> readings;
        final String id;

        Metering(String id, List<UsageReading> readings) {
            this.id = id;
            this.readings = readings;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Outcome provision(ProvisioningRequest request) {
            return Outcome.done();
        }

        @Override
        public Outcome change(ProvisioningRequest request) {
            return Outcome.done();
        }

        @Override
        public Outcome suspend(ProvisioningRequest request) {
            return Outcome.done();
        }

        @Override
        public Outcome resume(ProvisioningRequest request) {
            return Outcome.done();
        }

        @Override
        public Outcome deprovision(ProvisioningRequest request) {
            return Outcome.done();
        }

        @Override
        public Outcome enforce(ProvisioningRequest request) {
            return Outcome.done();
        }

        @Override
        public Outcome lift(ProvisioningRequest request) {
            return Outcome.done();
        }

        @Override
        public List<UsageReading> reportUsage(ProvisioningRequest.ServiceSettings service, Instant since) {
            askedSince.set(since);
            if (readings == null) {
                throw new IllegalStateException("metering system down");
            }
            return readings;
        }
    }

    @Test
    void reportedUsageIsStoredAsThePlatformAndAFailingAdapterIsSkipped() {
        UUID subscription = UUID.randomUUID();
        Metering iot = new Metering("iot", List.of(
                new UsageReading(subscription, "data", new BigDecimal("12.5"), NOW.minusSeconds(3600), "8931:2026-11-22"),
                new UsageReading(subscription, "data", new BigDecimal("3"), NOW.minusSeconds(60), "8932:2026-11-22")));
        Metering broken = new Metering("broken", null);
        Adapters adapters = new Adapters(List.of(iot, broken, new ManualAdapter()));

        ServiceCatalog catalog = mock(ServiceCatalog.class);
        when(catalog.allSettings()).thenReturn(List.of(service("iot"), service("broken"), service("manual")));
        AccountScope scope = mock(AccountScope.class);
        UUID providerId = UUID.randomUUID();
        when(scope.provider()).thenReturn(java.util.Optional.of(new ScopedAccount(providerId, "1.",
                AccountType.PROVIDER, AccountStatus.ACTIVE, null, 0, "Provider")));
        UsageMetering usage = mock(UsageMetering.class);
        when(usage.ingest(any(), any())).thenReturn(new UsageReceipt(2, 0, List.of()));

        UsageCollection collection = new UsageCollection(adapters, catalog, usage, scope, Duration.ofDays(2),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(collection.collect()).isEqualTo(2);

        ArgumentCaptor<Caller> caller = ArgumentCaptor.forClass(Caller.class);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<UsageRecord>> batch = ArgumentCaptor.forClass(List.class);
        verify(usage, times(1)).ingest(caller.capture(), batch.capture());
        assertThat(caller.getValue().accountId()).isEqualTo(providerId);
        assertThat(caller.getValue().userId()).as("the platform acts, not a user").isNull();
        assertThat(caller.getValue().covers("1.2x.")).isTrue();
        List<UsageRecord> records = batch.getValue();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).id()).isEqualTo("8931:2026-11-22");
        assertThat(records.get(0).subscriptionId()).isEqualTo(subscription);
        assertThat(records.get(0).resourceType()).isEqualTo("data");
        assertThat(records.get(0).quantity()).isEqualByComparingTo("12.5");
        assertThat(records.get(1).at()).isEqualTo(NOW.minusSeconds(60));
        assertThat(iot.askedSince.get()).isEqualTo(NOW.minus(Duration.ofDays(2)));
        assertThat(broken.askedSince.get()).as("the broken adapter was asked too").isNotNull();
    }

    private static ServiceView service(String adapter) {
        return new ServiceView(UUID.randomUUID(), adapter + "-service", adapter, adapter, Map.of(), List.of(), NOW);
    }
}
