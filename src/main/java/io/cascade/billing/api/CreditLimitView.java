package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.util.UUID;

/**
 * A buyer's credit limit with an issuer in one currency ({@code limit} null: none) and its balance now. An order of a
 * plan of the issuer that would take the balance above the limit is refused.
 */
public record CreditLimitView(UUID issuerAccountId, UUID buyerAccountId, String currency, Money limit,
                              Money balance) {
}
