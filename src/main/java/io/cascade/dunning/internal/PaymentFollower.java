package io.cascade.dunning.internal;

import io.cascade.billing.api.PaymentRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

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
}
