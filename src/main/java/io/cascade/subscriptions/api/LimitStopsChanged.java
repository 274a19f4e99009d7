package io.cascade.subscriptions.api;

import java.util.List;

/**
 * Published synchronously in the transaction that stopped metered resources at their HARD limits, or lifted such
 * stops (ADR 0039), after their provisioning tasks were requested and the change audited. The messages module
 * follows it (mail to the subscriber's administrators and its vendor's staff; webhooks {@code usage.limit.enforced},
 * {@code usage.limit.lifted}).
 */
public record LimitStopsChanged(Change change, List<LimitStop> stops) {

    public enum Change {
        STOPPED, LIFTED
    }
}
