package io.cascade.assets.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountStatusChanged;
import io.cascade.assets.api.SimLifecycle;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.subscriptions.api.SubscriptionsFollowedAccounts;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SIMs follow their customers' accounts, in the same transaction (ADR 0013). Suspending a customer — or a vendor
 * above it, whose cascade reaches the customer — suspends its connected SIMs; resuming makes them ACTIVE again where
 * the subscription is active, and connects SIMs assigned meanwhile; terminating it disconnects them from the
 * cancelled subscription. It follows {@link SubscriptionsFollowedAccounts}, which the subscriptions module publishes
 * once it has moved the subscriptions with their accounts, so the SIMs see the subscriptions' new status
 * (docs/architecture.md, "Reactions").
 */
@Component
class AccountFollower {
    private final Assets assets;
    private final SimLifecycle lifecycle;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final Clock clock;

    AccountFollower(Assets assets, SimLifecycle lifecycle, AccountScope scope, AuditTrail audit, Clock clock) {
        this.assets = assets;
        this.lifecycle = lifecycle;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void on(SubscriptionsFollowedAccounts event) {
        List<UUID> accounts = event.accountIds();
        switch (event.change()) {
            case SUSPENDED, RESUMED -> {
                Map<UUID, Map<String, Integer>> changed = new LinkedHashMap<>();
                for (Map.Entry<UUID, String> sim : assets.followAccounts(accounts, clock.instant())) {
                    changed.computeIfAbsent(sim.getKey(), k -> new LinkedHashMap<>()).merge(sim.getValue(), 1,
                            Integer::sum);
                }
                List<AuditRecord> records = new ArrayList<>();
                String action = event.change() == AccountStatusChanged.Change.SUSPENDED
                        ? "asset.suspended-with-account" : "asset.resumed-with-account";
                changed.forEach((customer, states) -> scope.facts(event.caller(), customer).ifPresent(facts ->
                        records.add(new AuditRecord(event.caller(), customer, facts.path(), action, null,
                                Map.of("sims", states)))));
                audit.recordAll(records);
                if (event.change() == AccountStatusChanged.Change.RESUMED) {
                    assets.customersWithAssigned(accounts)
                            .forEach(customer -> lifecycle.tryConnectAssigned(event.caller(), customer));
                }
            }
            case TERMINATED -> assets.disconnectCancelled(accounts, clock.instant());
            case ACTIVATED -> {
            }
        }
    }
}
