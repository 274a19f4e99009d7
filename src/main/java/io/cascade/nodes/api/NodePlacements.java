package io.cascade.nodes.api;

import io.cascade.nodes.internal.NodeChoice;
import io.cascade.nodes.internal.Nodes;
import io.cascade.nodes.internal.Placements;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where resources are, for the provisioning module, which asks in the transaction that requests a task: a new
 * resource of a service with nodes is placed on the least loaded ACTIVE node of the service with room for it, or
 * refused (409 {@code node-capacity-exhausted}, and the requesting change rolls back); a service without nodes places
 * nothing. No scope checks: the caller already checked the change that asks.
 */
@Service
public class NodePlacements {
    private final Nodes nodes;
    private final Placements placements;
    private final Clock clock;

    NodePlacements(Nodes nodes, Placements placements, Clock clock) {
        this.nodes = nodes;
        this.placements = placements;
        this.clock = clock;
    }

    /**
     * Places a new resource and answers its node; empty when its service has no node (other than retired ones). A
     * subject already placed stays where it is; a subject inside a placed subscription of the same service goes where
     * the subscription is and takes no units of its own.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> place(NewPlacement request) {
        Optional<PlacementView> existing = placements.find(request.subjectId());
        if (existing.isPresent()) {
            return Optional.of(existing.get().nodeId());
        }
        if (request.subscriptionId() != null && !request.subscriptionId().equals(request.subjectId())) {
            Optional<PlacementView> parent = placements.ofSubscription(request.subscriptionId(), request.serviceId());
            if (parent.isPresent()) {
                UUID node = parent.get().nodeId();
                placements.insert(request.subjectId(), request.subjectType(), node, parent.get().subjectId(),
                        request.serviceId(), request.subscriptionId(), request.accountId(), request.accountPath(),
                        Map.of(), clock.instant());
                return Optional.of(node);
            }
        }
        List<NodeView> candidates = nodes.lockOfService(request.serviceId()).stream().map(Nodes.Row::node).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        NodeView chosen = NodeChoice.leastLoaded(candidates, request.units(), Map.of())
                .orElseThrow(() -> full(request.serviceId(), request.units(), candidates.size()));
        placements.insert(request.subjectId(), request.subjectType(), chosen.id(), null, request.serviceId(),
                request.subscriptionId(), request.accountId(), request.accountPath(), request.units(),
                clock.instant());
        return Optional.of(chosen.id());
    }

    static RuleViolationException full(UUID serviceId, Map<String, BigDecimal> units, int nodes) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("serviceId", serviceId);
        properties.put("units", units);
        return new RuleViolationException(Problem.NODE_CAPACITY_EXHAUSTED, "None of the " + nodes
                + " service node(s) of this service is ACTIVE with room for " + describe(units)
                + ": every node is full, draining or down. The provider adds capacity or a node.", properties);
    }

    private static String describe(Map<String, BigDecimal> units) {
        if (units.isEmpty()) {
            return "one more resource";
        }
        StringBuilder text = new StringBuilder();
        units.forEach((code, quantity) -> text.append(text.isEmpty() ? "" : ", ").append(quantity.toPlainString())
                .append(' ').append(code));
        return text.toString();
    }

    /**
     * True when the service has nodes (other than retired ones): only then are its resources placed, and only then can
     * one of its resources have a placement (a node is retired, or a service taken off it, only once nothing of it is
     * on the node). Provisioning asks once per service and request, and skips the rest for a service without nodes.
     */
    public boolean hosted(UUID serviceId) {
        return nodes.hosted(serviceId);
    }

    /** A placed resource's new quantities (a subscription change); nothing for a resource that is not placed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void resize(UUID subjectId, Map<String, BigDecimal> units) {
        if (!units.isEmpty()) {
            placements.resize(subjectId, units);
        }
    }

    /** The node a resource is on, if it is placed. */
    public Optional<UUID> nodeOf(UUID subjectId) {
        return placements.find(subjectId).map(PlacementView::nodeId);
    }

    /** True while the node is DOWN: tasks on it wait. */
    public boolean down(UUID nodeId) {
        return nodes.state(nodeId).map(s -> s == NodeState.DOWN).orElse(false);
    }

    /** A node's name, for what provisioning shows. */
    public Optional<String> name(UUID nodeId) {
        return nodes.find(nodeId).map(r -> r.node().name());
    }

    /** The resource was removed (its DEPROVISION task is done): it and what follows it leave their node. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void released(UUID subjectId) {
        placements.delete(subjectId);
    }

    /**
     * The resource's MOVE task was cancelled: it stays on the node it is on, and the room kept for it on the node it
     * was to go to is free again. Nothing for a placement that waits for another move task (or none).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void moveCancelled(UUID subjectId, UUID taskId) {
        placements.cancelMove(subjectId, taskId);
    }

    /** The resource's MOVE task is done: it is on {@code nodeId} now, and so is what follows it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void moved(UUID subjectId, UUID nodeId) {
        placements.finishMove(subjectId, nodeId);
    }
}
