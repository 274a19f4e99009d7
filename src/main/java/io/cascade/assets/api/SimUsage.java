package io.cascade.assets.api;

import io.cascade.assets.internal.Assets;
import io.cascade.assets.internal.IotSubscriptions;
import io.cascade.shared.Caller;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Privilege;
import io.cascade.usage.api.UsageMetering;
import io.cascade.usage.api.UsageReceipt;
import io.cascade.usage.api.UsageRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Data usage per SIM, recorded as usage of the {@code iot} subscription the SIM is connected to (the service's
 * {@code adapterConfig.dataResourceType}). The SIM is found by ICCID; one outside the caller's scope, unknown, or not
 * connected is refused exactly alike. The records then go through the usage module's batch (its checks, its
 * duplicate handling, its daily totals), with the record id {@code sim:<iccid>:<id>}.
 */
@Service
public class SimUsage {
    public static final int MAX_BATCH = 10_000;

    private final Assets assets;
    private final IotSubscriptions iot;
    private final UsageMetering usage;

    SimUsage(Assets assets, IotSubscriptions iot, UsageMetering usage) {
        this.assets = assets;
        this.iot = iot;
        this.usage = usage;
    }

    @Transactional
    public UsageReceipt record(Caller caller, List<SimUsageRecord> records) {
        caller.require(Privilege.SUBSCRIPTIONS_MANAGE);
        if (records == null) {
            throw new InvalidInputException("records", "must be an array of SIM usage records");
        }
        if (records.size() > MAX_BATCH) {
            throw new InvalidInputException("records", "at most " + MAX_BATCH + " records per batch");
        }
        Map<String, Assets.Connected> sims = assets.connected(records.stream().filter(java.util.Objects::nonNull).map(SimUsageRecord::iccid)
                .filter(i -> i != null && i.length() <= 20).distinct().toList());
        Map<UUID, Optional<String>> dataTypes = new HashMap<>();
        List<UsageReceipt.Rejected> rejected = new ArrayList<>();
        List<UsageRecord> forwarded = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SimUsageRecord r = records.get(i);
            if (r == null) {
                rejected.add(new UsageReceipt.Rejected(i, null, List.of(new FieldProblem("record", "must be an object"))));
                continue;
            }
            if (r.id() == null || r.id().isBlank() || r.id().length() > 64) {
                rejected.add(new UsageReceipt.Rejected(i, r.id(),
                        List.of(new FieldProblem("id", "must be a string of 1 to 64 characters"))));
                continue;
            }
            Assets.Connected sim = r.iccid() == null ? null : sims.get(r.iccid());
            if (sim == null || !(caller.covers(sim.ownerPath()) || caller.covers(sim.customerPath()))) {
                rejected.add(new UsageReceipt.Rejected(i, r.id(), List.of(new FieldProblem("iccid",
                        "is not a connected SIM you can report usage for"))));
                continue;
            }
            Optional<String> dataType = dataTypes.computeIfAbsent(sim.subscriptionId(),
                    id -> iot.find(id).map(IotSubscriptions.IotSubscription::dataResourceType));
            if (dataType.isEmpty()) {
                rejected.add(new UsageReceipt.Rejected(i, r.id(), List.of(new FieldProblem("iccid",
                        "its service records no data usage (adapterConfig.dataResourceType)"))));
                continue;
            }
            forwarded.add(new UsageRecord("sim:" + r.iccid() + ":" + r.id(), sim.subscriptionId(), dataType.get(),
                    r.quantity(), r.at()));
            positions.add(i);
        }
        int accepted = 0;
        int duplicates = 0;
        if (!forwarded.isEmpty()) {
            UsageReceipt receipt = usage.ingest(caller, forwarded);
            accepted = receipt.accepted();
            duplicates = receipt.duplicates();
            java.util.Set<Integer> refused = new java.util.HashSet<>();
            for (UsageReceipt.Rejected r : receipt.rejected()) {
                int index = positions.get(r.index());
                refused.add(r.index());
                rejected.add(new UsageReceipt.Rejected(index, records.get(index).id(), r.errors()));
            }
            // whom each SIM served, for the usage per simple customer (keyed like the usage module's records)
            List<Assets.SimUsageRow> kept = new ArrayList<>();
            for (int f = 0; f < forwarded.size(); f++) {
                if (!refused.contains(f)) {
                    UsageRecord u = forwarded.get(f);
                    Assets.Connected sim = sims.get(records.get(positions.get(f)).iccid());
                    kept.add(new Assets.SimUsageRow(u.subscriptionId(), u.id(), sim.id(), sim.customerId(),
                            sim.simpleCustomerId(), u.quantity(), u.at()));
                }
            }
            assets.recordUsage(caller.homeAccountId(), kept);
        }
        rejected.sort(java.util.Comparator.comparingInt(UsageReceipt.Rejected::index));
        return new UsageReceipt(accepted, duplicates, rejected);
    }
}
