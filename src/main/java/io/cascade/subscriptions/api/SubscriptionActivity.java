package io.cascade.subscriptions.api;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The subscriptions of an account's subtree (the account included): how many there are per purpose and status, and
 * how many end-customer subscriptions (OWN_USE) were live at the end of each of the last months, oldest first.
 */
public record SubscriptionActivity(UUID accountId, Map<Purpose, Map<SubscriptionStatus, Long>> counts,
                                   List<Month> liveAtMonthEnd) {

    public record Month(YearMonth month, long live) {
    }

    public long of(Purpose purpose, SubscriptionStatus status) {
        return counts.getOrDefault(purpose, Map.of()).getOrDefault(status, 0L);
    }

    public long ofPurpose(Purpose purpose) {
        return counts.getOrDefault(purpose, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
