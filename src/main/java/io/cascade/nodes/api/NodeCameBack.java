package io.cascade.nodes.api;

import java.util.UUID;

/** A DOWN node answered a probe again and is back in the state it had; published in the recording transaction. */
public record NodeCameBack(UUID nodeId, NodeState state) {
}
