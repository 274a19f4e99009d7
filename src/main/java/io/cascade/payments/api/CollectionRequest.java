package io.cascade.payments.api;

import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/** A collection run for a day (not in the past): the day the issuer asks its bank to debit the buyers. */
public record CollectionRequest(@NotNull LocalDate collectionDate) {
}
