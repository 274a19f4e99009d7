package io.cascade.nodes.api;

import io.cascade.shared.Caller;

import java.util.List;
import java.util.UUID;

/**
 * Carrying moves between nodes to the systems that do them: one provisioning task ({@code MOVE}) per resource,
 * requested in the caller's transaction. Implemented by the provisioning module; nodes asks it and never the reverse.
 */
public interface NodeMoves {

    /** One resource to move: its placement and the two nodes. */
    record Move(PlacementView placement, NodeView from, NodeView to) {
    }

    /** Requests the moves' tasks in the caller's transaction (which must exist); answers their ids in order. */
    List<UUID> request(Caller caller, List<Move> moves);
}
