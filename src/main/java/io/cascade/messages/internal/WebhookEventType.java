package io.cascade.messages.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The events an endpoint may subscribe to, by their wire names ({@code resource.verb}, docs/api.md). Each is delivered
 * for the endpoint's own account and every account below it.
 */
enum WebhookEventType {
    ACCOUNT_CREATED("account.created"),
    ACCOUNT_UPDATED("account.updated"),
    ACCOUNT_SUSPENDED("account.suspended"),
    ACCOUNT_RESUMED("account.resumed"),
    ACCOUNT_TERMINATED("account.terminated"),
    USER_INVITED("user.invited"),
    USER_ACTIVATED("user.activated"),
    SUBSCRIPTION_CREATED("subscription.created"),
    SUBSCRIPTION_CHANGED("subscription.changed"),
    SUBSCRIPTION_SUSPENDED("subscription.suspended"),
    SUBSCRIPTION_RESUMED("subscription.resumed"),
    SUBSCRIPTION_CANCELLED("subscription.cancelled"),
    PROVISIONING_TASK_FAILED("provisioning.task.failed"),
    PROVISIONING_TASK_DONE("provisioning.task.done"),
    INVOICE_ISSUED("invoice.issued"),
    CREDIT_NOTE_ISSUED("credit_note.issued"),
    PAYMENT_RECORDED("payment.recorded"),
    BILLING_RUN_COMPLETED("billing.run.completed"),
    USAGE_LIMIT_REACHED("usage.limit.reached"),
    USAGE_LIMIT_ENFORCED("usage.limit.enforced"),
    USAGE_LIMIT_LIFTED("usage.limit.lifted");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    static Optional<WebhookEventType> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(WebhookEventType::wire).toList();
    }
}
