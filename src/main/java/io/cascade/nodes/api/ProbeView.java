package io.cascade.nodes.api;

import java.time.Instant;

/** One health probe of a node: when, whether it succeeded, how long it took, and what went wrong. */
public record ProbeView(long id, Instant probedAt, boolean ok, int durationMs, String detail) {
}
