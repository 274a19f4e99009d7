package io.cascade.provisioning.internal;

import io.cascade.nodes.api.NodeMoves;
import io.cascade.nodes.api.NodeView;
import io.cascade.provisioning.api.NewTask;
import io.cascade.provisioning.api.Operation;
import io.cascade.shared.Caller;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The nodes module's moves as provisioning tasks: one {@code MOVE} task per resource, its payload naming both nodes,
 * run by the service's adapter like any other operation (after the subject's earlier tasks; waiting while the node it
 * goes to is DOWN). When it is DONE, {@link TaskCompletion} tells the nodes module where the resource is now.
 */
@Component
class MoveTasks implements NodeMoves {
    static final String TO_NODE_ID = "toNodeId";

    private final ProvisioningEngine engine;

    MoveTasks(ProvisioningEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<UUID> request(Caller caller, List<Move> moves) {
        return engine.request(caller, moves.stream().map(move -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("fromNode", node(move.from()));
            payload.put("toNode", node(move.to()));
            payload.put(TO_NODE_ID, move.to().id().toString());
            return new NewTask(move.placement().accountId(), path(move), move.placement().serviceId(), Operation.MOVE,
                    move.placement().subjectType(), move.placement().subjectId(), move.placement().subscriptionId(),
                    payload);
        }).toList());
    }

    private static String path(Move move) {
        return move.placement().accountPath();
    }

    private static Map<String, Object> node(NodeView node) {
        return Map.of("id", node.id().toString(), "name", node.name(), "address", node.address());
    }
}
