package io.cascade.billing.api;

import io.cascade.shared.Money;

/** The credit limit to set: an amount ≥ 0 in the pair's currency; {@code limit} null (with {@code currency}) removes it. */
public record CreditLimitRequest(Money limit, String currency) {
}
