package io.cascade.messages.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** The outbox's settings ({@code cascade.messages.*}, docs/guide.md#messages). */
@Component
class MessagesSettings {
    /** Dispatcher executions across all nodes; each holds one job-engine thread while it works. */
    final int dispatchers;
    /** Messages one dispatcher claims at once. */
    final int batchSize;
    /** Attempts before a message is FAILED (a person may retry it). */
    final int maxAttempts;
    /** Wait before the second attempt, doubled per attempt up to {@link #backoffMax}. */
    final Duration backoff;
    final Duration backoffMax;
    /** How long a claimed message is a dispatcher's; after that (its node died) another one takes it. */
    final Duration lease;
    /** How often an idle dispatcher looks for messages queued by other nodes. */
    final Duration idlePoll;
    /** How long one dispatcher execution works before it hands its thread back to the job engine. */
    final Duration slice;
    /** How long sent and failed messages are kept. */
    final Duration keep;

    MessagesSettings(@Value("${cascade.messages.dispatchers:2}") int dispatchers,
                     @Value("${cascade.messages.batch-size:200}") int batchSize,
                     @Value("${cascade.messages.max-attempts:8}") int maxAttempts,
                     @Value("${cascade.messages.backoff:PT30S}") Duration backoff,
                     @Value("${cascade.messages.backoff-max:PT1H}") Duration backoffMax,
                     @Value("${cascade.messages.lease:PT2M}") Duration lease,
                     @Value("${cascade.messages.idle-poll:PT1S}") Duration idlePoll,
                     @Value("${cascade.messages.slice:PT5M}") Duration slice,
                     @Value("${cascade.messages.keep:P30D}") Duration keep) {
        if (dispatchers < 1 || batchSize < 1 || maxAttempts < 1 || backoff.isNegative() || lease.toMillis() < 1000
                || idlePoll.toMillis() < 10 || slice.toMillis() < 1000 || keep.isNegative()) {
            throw new IllegalArgumentException("cascade.messages: dispatchers, batch-size and max-attempts must be "
                    + "positive, the lease at least a second, the idle poll at least 10 ms, the slice a second");
        }
        this.dispatchers = dispatchers;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.backoffMax = backoffMax;
        this.lease = lease;
        this.idlePoll = idlePoll;
        this.slice = slice;
        this.keep = keep;
    }

    /** The wait after the given failed attempt (1-based): backoff, doubled per attempt, at most backoffMax. */
    Duration backoffAfter(int attempt) {
        long millis = backoff.toMillis();
        for (int i = 1; i < attempt && millis < backoffMax.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, backoffMax.toMillis()));
    }
}
