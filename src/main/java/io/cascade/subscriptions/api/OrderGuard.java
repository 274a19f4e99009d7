package io.cascade.subscriptions.api;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A check another module makes before an order is taken: {@link SubscriptionManagement#create} calls every bean of
 * this type after the plan is found purchasable and before anything is written; a guard refuses by throwing (a
 * {@code RuleViolationException} with its problem). The billing module's credit limit is one (issue 17): the orders
 * module does not depend on billing, billing implements this interface of subscriptions' API.
 */
public interface OrderGuard {

    /** {@code buyerId} orders {@code planId} of {@code vendorId} (priced in {@code currency}) from {@code start}. */
    void beforeOrder(UUID buyerId, UUID vendorId, UUID planId, String currency, LocalDate start);
}
