package io.cascade.messages.internal;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The work of one {@code outbox-dispatch} execution (ADR 0025): for up to {@code cascade.messages.slice} it claims due
 * messages, hands them to their channel and records the outcomes. When nothing is due it waits up to
 * {@code cascade.messages.idle-poll} for this node's next commit that queued messages; if none came, it gives its
 * thread back to the job engine and runs again one idle poll later, so idle dispatchers never starve the engine's
 * other jobs (a node with two job threads still provisions).
 */
@Component
class OutboxDispatcher {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboxStore store;
    private final OutboxWake wake;
    private final MessagesSettings settings;
    private final Map<Channel, OutboxChannel> channels;

    OutboxDispatcher(OutboxStore store, OutboxWake wake, MessagesSettings settings, List<OutboxChannel> channels) {
        this.store = store;
        this.wake = wake;
        this.settings = settings;
        this.channels = new EnumMap<>(channels.stream()
                .collect(Collectors.toMap(OutboxChannel::channel, Function.identity())));
    }

    void work(ExecutionContext context) {
        long end = System.nanoTime() + settings.slice.toNanos();
        while (System.nanoTime() < end && !context.getSchedulerState().isShuttingDown()) {
            long mark = wake.mark();
            if (dispatchOnce() == 0) {
                try {
                    wake.await(mark, settings.idlePoll.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (wake.mark() == mark) {
                    // idle: the thread goes back to the job engine's other work until the next poll
                    return;
                }
            }
        }
    }

    /** Claims one batch of due messages, sends it and records the outcomes; returns how many were claimed. */
    int dispatchOnce() {
        List<OutboxMessage> batch = store.claim(settings.batchSize);
        if (batch.isEmpty()) {
            return 0;
        }
        Map<Channel, List<OutboxMessage>> byChannel = new EnumMap<>(Channel.class);
        batch.forEach(m -> byChannel.computeIfAbsent(m.channel(), c -> new ArrayList<>()).add(m));
        byChannel.forEach((channel, messages) -> {
            OutboxChannel sender = channels.get(channel);
            List<OutboxChannel.Delivery> deliveries;
            if (sender == null) {
                deliveries = messages.stream().map(m -> OutboxChannel.Delivery.failed(m.id(), true, null,
                        "no channel for " + channel + " on this node")).toList();
            } else {
                try {
                    deliveries = sender.send(messages);
                } catch (RuntimeException e) {
                    log.warn("The {} channel failed on a batch of {}: {}", channel, messages.size(), e.toString());
                    deliveries = messages.stream().map(m -> OutboxChannel.Delivery.failed(m.id(), true, null,
                            e.toString())).toList();
                }
            }
            store.record(messages, deliveries);
        });
        return batch.size();
    }
}
