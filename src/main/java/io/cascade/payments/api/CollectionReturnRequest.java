package io.cascade.payments.api;

import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/** The bank returned a collected item: the ISO reason code and the day (default today; not before the collection). */
public record CollectionReturnRequest(@NotNull DirectDebitReturnReason reason, LocalDate returnedOn) {
}
