package io.cascade.dunning.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Dunning episodes ended: nothing of the pair is overdue any more (paid, credited or written off). Published in the
 * transaction that ended them (a payment's, or the daily evaluation's), after the block and the {@code DUNNING}
 * suspensions were lifted; the messages module tells the buyer, and a reseller's customers whose services resumed.
 */
public record DunningEnded(List<Episode> episodes) {
    public DunningEnded {
        episodes = List.copyOf(episodes);
    }

    public record Episode(UUID episodeId, UUID issuerId, UUID buyerId, LocalDate startedOn, LocalDate endedOn,
                          int subscriptionsResumed, List<UUID> customerIds) {
    }
}
