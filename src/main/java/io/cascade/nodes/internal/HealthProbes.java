package io.cascade.nodes.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.nodes.api.NodeCameBack;
import io.cascade.nodes.api.NodeState;
import io.cascade.nodes.api.NodeView;
import io.cascade.nodes.api.NodeWentDown;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The health of the service nodes, probed by the recurring job {@code node-health} ({@link NodesJobs}), which the job
 * engine runs on one node of the cluster at a time: it takes the nodes whose probe is due (each node's own interval),
 * probes each outside any transaction ({@link Prober}) and records the outcome in a short transaction of its own. A node
 * that fails {@code failAfter} probes in a row is DOWN ({@link NodeWentDown}, once per outage: the messages module
 * mails the provider's staff); its first successful probe brings it back to the state it had ({@link NodeCameBack}:
 * provisioning wakes the tasks that wait for it). Both are audited on the provider's account.
 */
@Component
public class HealthProbes {
    private static final Logger log = LoggerFactory.getLogger(HealthProbes.class);
    private static final int BATCH = 20;

    private final Nodes nodes;
    private final Probes probes;
    private final Prober prober;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    HealthProbes(Nodes nodes, Probes probes, Prober prober, AccountScope scope, AuditTrail audit,
                 ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
        this.nodes = nodes;
        this.probes = probes;
        this.prober = prober;
        this.scope = scope;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One run of the job: every node whose probe is due, in batches; answers how many were probed. */
    int probeDue() {
        int probed = 0;
        List<UUID> due;
        do {
            due = transactions.execute(s -> nodes.claimDue(clock.instant(), BATCH));
            for (UUID id : due == null ? List.<UUID>of() : due) {
                try {
                    probe(id);
                    probed++;
                } catch (RuntimeException e) {
                    log.warn("Probing service node {} failed", id, e);
                }
            }
        } while (due != null && due.size() == BATCH);
        return probed;
    }

    /** Probes one node now and records the outcome; empty for a retired or unknown node. */
    public Optional<NodeView> probe(UUID nodeId) {
        Optional<Nodes.Row> row = nodes.find(nodeId);
        if (row.isEmpty() || row.get().node().state() == NodeState.RETIRED) {
            return Optional.empty();
        }
        Prober.Result result = prober.probe(row.get().node());
        return Optional.ofNullable(transactions.execute(s -> record(nodeId, result)));
    }

    private NodeView record(UUID nodeId, Prober.Result result) {
        Nodes.Row row = nodes.lock(nodeId).orElse(null);
        if (row == null || row.node().state() == NodeState.RETIRED) {
            return null;
        }
        NodeView node = row.node();
        Instant now = clock.instant();
        probes.record(nodeId, result.ok(), result.durationMs(), result.detail(), now);
        int failures = result.ok() ? 0 : node.consecutiveFailures() + 1;
        NodeState state = node.state();
        NodeState before = row.stateBeforeDown();
        Instant downSince = node.downSince();
        if (result.ok() && state == NodeState.DOWN) {
            state = before == null ? NodeState.ACTIVE : before;
            before = null;
            downSince = null;
        } else if (!result.ok() && state != NodeState.DOWN && failures >= node.failAfter()) {
            before = state;
            state = NodeState.DOWN;
            downSince = now;
        }
        nodes.probed(nodeId, result.ok(), failures, state, before, downSince, now);
        if (state != node.state()) {
            ScopedAccount provider = scope.provider().orElseThrow();
            Caller system = Caller.system(provider.id(), provider.path(), "node-health");
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("nodeId", nodeId);
            after.put("state", state);
            after.put("failures", failures);
            if (result.detail() != null) {
                after.put("lastError", result.detail());
            }
            audit.record(new AuditRecord(system, provider.id(), provider.path(),
                    state == NodeState.DOWN ? "node.down" : "node.up", Map.of("state", node.state()), after));
            if (state == NodeState.DOWN) {
                events.publishEvent(new NodeWentDown(nodeId, node.name(), node.address(), failures, result.detail(),
                        now));
            } else {
                events.publishEvent(new NodeCameBack(nodeId, state));
            }
        }
        return nodes.find(nodeId).orElseThrow().node();
    }
}
