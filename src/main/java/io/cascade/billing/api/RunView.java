package io.cascade.billing.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A billing run: {@code RUNNING} until every buyer is done or failed, then {@code COMPLETED}. Progress counts buyers;
 * {@code errors} names the buyers whose billing failed (the rest of the run went on) — at most 100 of them.
 */
public record RunView(UUID id, LocalDate asOf, RunTrigger trigger, RunStatus status, Progress progress,
                      List<BuyerError> errors, Instant createdAt, Instant finishedAt) {

    public record Progress(int buyersTotal, int buyersDone, int buyersFailed, int invoicesWritten) {
    }

    public record BuyerError(UUID buyerAccountId, String message) {
    }
}
