package io.cascade.nodes.internal;

import io.cascade.nodes.api.NodeState;
import io.cascade.nodes.api.NodeView;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The node a new resource goes to: among the ACTIVE candidates with room for its units, the least loaded one. A
 * node's load is its fullest resource type (units in use over capacity; a type it does not limit counts nothing); ties
 * go to the node with fewer placements, then by name. Pure: the caller holds the candidates' row locks.
 */
public final class NodeChoice {
    private NodeChoice() {
    }

    /**
     * @param extra units already promised to candidates in this decision (moves requested together), per node
     */
    public static Optional<NodeView> leastLoaded(List<NodeView> candidates, Map<String, BigDecimal> units,
                                                 Map<UUID, Map<String, BigDecimal>> extra) {
        return candidates.stream()
                .filter(n -> n.state() == NodeState.ACTIVE)
                .filter(n -> hasRoom(n, units, extra.getOrDefault(n.id(), Map.of())))
                .min(Comparator.<NodeView, BigDecimal>comparing(n -> load(n, extra.getOrDefault(n.id(), Map.of())))
                        .thenComparingInt(NodeView::placements)
                        .thenComparing(n -> n.name().toLowerCase(java.util.Locale.ROOT)));
    }

    static boolean hasRoom(NodeView node, Map<String, BigDecimal> units, Map<String, BigDecimal> extra) {
        for (Map.Entry<String, BigDecimal> unit : units.entrySet()) {
            Long capacity = node.capacity().get(unit.getKey());
            if (capacity == null || unit.getValue().signum() <= 0) {
                continue; // not limited on this node, or nothing to take
            }
            BigDecimal after = used(node, extra, unit.getKey()).add(unit.getValue());
            if (after.compareTo(BigDecimal.valueOf(capacity)) > 0) {
                return false;
            }
        }
        return true;
    }

    static BigDecimal load(NodeView node, Map<String, BigDecimal> extra) {
        BigDecimal load = BigDecimal.ZERO;
        for (Map.Entry<String, Long> capacity : node.capacity().entrySet()) {
            BigDecimal used = used(node, extra, capacity.getKey());
            BigDecimal share = capacity.getValue() == 0 ? BigDecimal.ONE
                    : used.divide(BigDecimal.valueOf(capacity.getValue()), MathContext.DECIMAL64);
            load = load.max(share);
        }
        return load;
    }

    private static BigDecimal used(NodeView node, Map<String, BigDecimal> extra, String type) {
        return node.used().getOrDefault(type, BigDecimal.ZERO).add(extra.getOrDefault(type, BigDecimal.ZERO));
    }
}
