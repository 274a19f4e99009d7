package io.cascade.dunning.internal;

import io.cascade.billing.api.PaymentRecorded;
import io.cascade.billing.api.PaymentsRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A payment in the pair's transaction: when nothing of the pair is overdue any more, its dunning episode ends there
 * and then, and its block and DUNNING suspensions are lifted (the daily evaluation checks again for what else pays an
 * invoice: a credit note, an allocation of credit, a write-off).
 */
@Component
class PaymentFollower {
    private final DunningEvaluation evaluation;

    PaymentFollower(DunningEvaluation evaluation) {
        this.evaluation = evaluation;
    }

    @EventListener
    void on(PaymentRecorded event) {
        if (event.issuerId() != null) {
            evaluation.afterPayment(event.issuerId(), event.buyerId());
        }
    }

    /** Many payments at once (a bank statement's): the pairs of each issuer in one read. */
    @EventListener
    void on(PaymentsRecorded event) {
        Map<UUID, Set<UUID>> buyersByIssuer = new HashMap<>();
        for (PaymentRecorded p : event.payments()) {
            if (p.issuerId() != null) {
                buyersByIssuer.computeIfAbsent(p.issuerId(), k -> new HashSet<>()).add(p.buyerId());
            }
        }
        buyersByIssuer.forEach(evaluation::afterPayments);
    }
}
