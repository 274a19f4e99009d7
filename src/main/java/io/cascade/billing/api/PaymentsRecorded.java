package io.cascade.billing.api;

import java.util.List;

/**
 * Many payments were recorded at once ({@code Balances.recordPayments}: a bank statement's matches), published in the
 * recording transaction instead of one {@link PaymentRecorded} each, so that followers act on all of them set-based.
 * A follower of {@link PaymentRecorded} follows this one too: each element is what that event would have said.
 */
public record PaymentsRecorded(List<PaymentRecorded> payments) {
}
