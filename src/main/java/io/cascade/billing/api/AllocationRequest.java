package io.cascade.billing.api;

import io.cascade.shared.Money;

/**
 * How much to move between the buyer's credit and an invoice: to allocate, at most the invoice's amount due and the
 * credit (default: as much as both allow); to take back, at most what the invoice was paid (default: all of it).
 */
public record AllocationRequest(Money amount) {
}
