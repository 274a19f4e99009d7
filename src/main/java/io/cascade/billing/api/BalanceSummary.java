package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.util.UUID;

/**
 * The balance of one issuer-buyer pair in one currency: {@code balance = amountDue − credit}. Listed for an account
 * as a buyer (one per vendor it buys from) or as an issuer (one per buyer). {@code creditLimit}: the pair's credit
 * limit, null when it has none.
 */
public record BalanceSummary(UUID issuerAccountId, String issuerName, UUID buyerAccountId, String buyerName,
                             String currency, Money balance, Money amountDue, Money credit, Money creditLimit) {
}
