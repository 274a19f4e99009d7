package io.cascade.dunning.api;

import java.time.LocalDate;

/**
 * What one evaluation did: the episodes started and ended and those open afterwards (the pairs in dunning), the steps taken, the
 * reseller customers' suspensions that followed their grace period, and how long it took.
 */
public record DunningEvaluationResult(LocalDate asOf, long episodesOpen, long episodesStarted, long stepsTaken,
                                      long episodesEnded, long customerSuspensions, long millis) {
}
