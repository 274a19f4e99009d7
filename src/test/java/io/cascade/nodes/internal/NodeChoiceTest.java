package io.cascade.nodes.internal;

import io.cascade.nodes.api.HealthCheck;
import io.cascade.nodes.api.NodeState;
import io.cascade.nodes.api.NodeView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The choice of a node for a new resource: active, with room, least loaded by its fullest type, then fewest, then name. */
class NodeChoiceTest {

    private static NodeView node(String name, NodeState state, Map<String, Long> capacity,
                                 Map<String, BigDecimal> used, int placements) {
        return new NodeView(UUID.nameUUIDFromBytes(name.getBytes()), name, "10.0.0.1", List.of(), capacity, used,
                placements, state, HealthCheck.TCP, null, 25, 60, 2000, 3, 0, null, null, null, Instant.EPOCH,
                Instant.EPOCH, 0);
    }

    private static Optional<String> choose(Map<String, BigDecimal> units, NodeView... nodes) {
        return NodeChoice.leastLoaded(List.of(nodes), units, Map.of()).map(NodeView::name);
    }

    @Test
    void theLeastLoadedActiveNodeWithRoomIsChosen() {
        NodeView half = node("half", NodeState.ACTIVE, Map.of("mbx", 10L), Map.of("mbx", BigDecimal.valueOf(5)), 1);
        NodeView fifth = node("fifth", NodeState.ACTIVE, Map.of("mbx", 100L), Map.of("mbx", BigDecimal.valueOf(20)), 9);
        NodeView emptyDraining = node("draining", NodeState.DRAINING, Map.of("mbx", 10L), Map.of(), 0);
        NodeView emptyDown = node("down", NodeState.DOWN, Map.of("mbx", 10L), Map.of(), 0);
        assertThat(choose(Map.of("mbx", BigDecimal.ONE), half, fifth, emptyDraining, emptyDown)).contains("fifth");
        // 81 more do not fit on "fifth" (20 + 81 > 100) and not on "half" either
        assertThat(choose(Map.of("mbx", BigDecimal.valueOf(81)), half, fifth, emptyDraining)).isEmpty();
        // exactly full is room enough
        assertThat(choose(Map.of("mbx", BigDecimal.valueOf(5)), half)).contains("half");
    }

    @Test
    void theFullestTypeIsTheLoadAndTiesGoToFewerPlacementsThenTheName() {
        NodeView storageFull = node("b", NodeState.ACTIVE, Map.of("mbx", 10L, "gb", 100L),
                Map.of("mbx", BigDecimal.ONE, "gb", BigDecimal.valueOf(90)), 1);
        NodeView mailboxesHalf = node("c", NodeState.ACTIVE, Map.of("mbx", 10L, "gb", 100L),
                Map.of("mbx", BigDecimal.valueOf(5)), 1);
        assertThat(choose(Map.of("mbx", BigDecimal.ONE), storageFull, mailboxesHalf)).contains("c");
        NodeView a = node("a", NodeState.ACTIVE, Map.of(), Map.of(), 2);
        NodeView z = node("z", NodeState.ACTIVE, Map.of(), Map.of(), 1);
        NodeView y = node("Y", NodeState.ACTIVE, Map.of(), Map.of(), 1);
        assertThat(choose(Map.of("mbx", BigDecimal.TEN), a, z, y)).as("unlimited: fewer placements, then name")
                .contains("Y");
    }

    @Test
    void unitsPromisedInTheSameDecisionCount() {
        NodeView one = node("one", NodeState.ACTIVE, Map.of("mbx", 10L), Map.of(), 0);
        NodeView two = node("two", NodeState.ACTIVE, Map.of("mbx", 10L), Map.of("mbx", BigDecimal.valueOf(2)), 0);
        Map<UUID, Map<String, BigDecimal>> promised = Map.of(one.id(), Map.of("mbx", BigDecimal.valueOf(9)));
        assertThat(NodeChoice.leastLoaded(List.of(one, two), Map.of("mbx", BigDecimal.valueOf(2)), promised)
                .map(NodeView::name)).contains("two");
    }
}
