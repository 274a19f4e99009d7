package io.cascade.nodes.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Where a service node stands. {@code ACTIVE} takes new resources; {@code DRAINING} keeps what is on it but takes
 * nothing new; {@code DOWN} failed its health probes (its resources' provisioning tasks wait) and returns to the state
 * it had once a probe succeeds; {@code RETIRED} is out of service for good, with nothing left on it.
 */
@Schema(name = "ServiceNodeState")
public enum NodeState {
    ACTIVE, DRAINING, DOWN, RETIRED
}
