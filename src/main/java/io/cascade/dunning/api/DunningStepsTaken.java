package io.cascade.dunning.api;

import io.cascade.shared.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Dunning steps taken, published in the evaluating transaction (one event for a whole evaluation). The messages module
 * mails the buyer's billing contact for each mailing step, and a reseller's customers their notice.
 *
 * <p>{@code customersSuspendOn}: for a SUSPEND step of a reseller whose issuer's policy has a grace period, the day its
 * customers' services follow unless it pays (null otherwise); {@code customerIds}: those customers, who are told.
 */
public record DunningStepsTaken(List<Step> steps) {
    public DunningStepsTaken {
        steps = List.copyOf(steps);
    }

    public record Step(UUID episodeId, UUID issuerId, UUID buyerId, int position, DunningAction action,
                       int daysOverdue, Money overdue, LocalDate oldestDueDate, UUID feeInvoiceId,
                       LocalDate customersSuspendOn, List<UUID> customerIds) {
    }
}
