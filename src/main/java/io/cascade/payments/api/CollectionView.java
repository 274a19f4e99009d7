package io.cascade.payments.api;

import io.cascade.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A collection run of an issuer (ADR 0030): the collection date, its status, the pain.008 message id, the number of
 * transactions and their control sum, and (when read one by one) its items.
 */
public record CollectionView(UUID id, UUID issuerAccountId, LocalDate collectionDate, CollectionStatus status,
                             String messageId, int itemCount, Money controlSum, Instant createdAt,
                             Instant confirmedAt, List<CollectionItemView> items) {
}
