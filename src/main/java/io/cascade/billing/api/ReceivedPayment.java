package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One of many payments an issuer received at once ({@code Balances.recordPayments}, payment intake): from this buyer,
 * its amount, day, reference and method, and exactly these allocations (each at most what the invoice has due; none:
 * all of it is the buyer's credit). What is not allocated is the buyer's credit.
 */
public record ReceivedPayment(UUID buyerId, Money amount, LocalDate paidOn, String reference, PaymentMethod method,
                              List<BuyerPaymentRequest.Allocation> allocations) {
}
