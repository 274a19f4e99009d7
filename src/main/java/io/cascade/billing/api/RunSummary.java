package io.cascade.billing.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A billing run in a list: its day, how it started, its state and progress (its buyers' errors: {@link RunView}). */
public record RunSummary(UUID id, LocalDate asOf, RunTrigger trigger, RunStatus status, RunView.Progress progress,
                         Instant createdAt, Instant finishedAt) {
}
