package io.cascade.payments.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.api.Balances;
import io.cascade.billing.api.BuyerPaymentRequest;
import io.cascade.billing.api.InvoiceKind;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.InvoiceStatus;
import io.cascade.billing.api.InvoiceView;
import io.cascade.billing.api.PaymentMethod;
import io.cascade.billing.api.PaymentView;
import io.cascade.payments.api.CheckoutStatus;
import io.cascade.payments.api.CheckoutView;
import io.cascade.payments.api.GatewayCallback;
import io.cascade.payments.api.GatewayConfirmation;
import io.cascade.payments.api.GatewayException;
import io.cascade.payments.api.GatewaySignatureException;
import io.cascade.payments.api.OnlinePaymentStatus;
import io.cascade.payments.api.PaymentGateway;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The confirmations gateways post ({@code POST /api/v1/payment-callbacks/{gatewayId}}; ADR 0031). The gateway's
 * connector decides whether one is authentic; an unknown gateway id and an inauthentic or stale message get the same
 * 401, and nothing is written. An authentic one is taken once per message id: a replay answers the outcome of the
 * first receipt again. {@code PAID} records the payment through billing's {@code Balances} as the platform (method
 * {@code ONLINE}; up to what the invoice still has due allocated to it, the rest the buyer's credit) and marks the
 * checkout {@code PAID}; {@code FAILED} and {@code CANCELLED} close an open checkout and leave the invoice open.
 */
@Component
class OnlinePaymentCallbacks {
    private final GatewayStore gateways;
    private final GatewayConnectors connectors;
    private final CheckoutStore checkouts;
    private final InvoiceManagement invoices;
    private final Balances balances;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final Clock clock;

    OnlinePaymentCallbacks(GatewayStore gateways, GatewayConnectors connectors, CheckoutStore checkouts,
                           InvoiceManagement invoices, Balances balances, AccountScope scope, AuditTrail audit,
                           Clock clock) {
        this.gateways = gateways;
        this.connectors = connectors;
        this.checkouts = checkouts;
        this.invoices = invoices;
        this.balances = balances;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    OnlinePaymentReceipt receive(UUID gatewayId, GatewayCallback callback, String requestId) {
        GatewayStore.Row gateway = gateways.find(gatewayId).orElseThrow(OnlinePaymentCallbacks::refused);
        PaymentGateway connector = connectors.of(gateway.kind()).orElseThrow(OnlinePaymentCallbacks::refused);
        GatewayConfirmation confirmation;
        try {
            confirmation = connector.confirm(gateway.configuration(), callback);
        } catch (GatewaySignatureException e) {
            throw refused();
        } catch (GatewayException e) {
            throw new InvalidInputException("body", e.getMessage());
        }
        CheckoutStore.Row row = checkouts.lockByPayment(gatewayId, confirmation.paymentId())
                .orElseThrow(() -> new InvalidInputException("data.id", "names no checkout Cascade started at "
                        + "this gateway"));
        CheckoutView checkout = row.view();
        Optional<String> before = checkouts.outcomeOf(gatewayId, confirmation.messageId());
        if (before.isPresent()) {
            return new OnlinePaymentReceipt(checkout.id(), checkout.status(), before.get());
        }
        Caller platform = platform(requestId);
        Instant now = clock.instant();
        String outcome;
        UUID paymentId = null;
        if (checkout.status() == CheckoutStatus.PAID) {
            outcome = "ALREADY_PAID";
        } else if (confirmation.status() == OnlinePaymentStatus.PAID) {
            if (!confirmation.amount().currency().equals(checkout.amount().currency())
                    || confirmation.amount().amount().signum() <= 0) {
                throw new InvalidInputException("data.amount", "must be a positive amount in "
                        + checkout.amount().currency().getCurrencyCode() + ", the checkout's currency");
            }
            paymentId = record(platform, checkout, confirmation).id();
            checkouts.complete(checkout.id(), CheckoutStatus.PAID, paymentId, now);
            outcome = "RECORDED";
        } else if (checkout.status() == CheckoutStatus.OPEN) {
            checkouts.complete(checkout.id(), CheckoutStatus.valueOf(confirmation.status().name()), null, now);
            outcome = confirmation.status().name();
        } else {
            outcome = "NO_CHANGE";
        }
        checkouts.firstReceipt(gatewayId, confirmation.messageId(), checkout.issuerAccountId(), checkout.id(),
                confirmation.status(), outcome, now);
        CheckoutStatus after = checkouts.find(checkout.id()).orElseThrow().view().status();
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("checkoutId", checkout.id());
        what.put("invoiceId", checkout.invoiceId());
        what.put("gatewayPaymentId", confirmation.paymentId());
        what.put("messageId", confirmation.messageId());
        what.put("reported", confirmation.status().name());
        what.put("amount", confirmation.amount());
        what.put("outcome", outcome);
        if (paymentId != null) {
            what.put("paymentId", paymentId);
        }
        audit.record(new AuditRecord(platform, checkout.buyerAccountId(), row.buyerPath(),
                "payment.online-confirmed", Map.of("status", checkout.status()), what));
        return new OnlinePaymentReceipt(checkout.id(), after, outcome);
    }

    /** The payment, as the issuer would record it by hand: to this invoice up to what it has due, the rest credit. */
    private PaymentView record(Caller platform, CheckoutView checkout, GatewayConfirmation confirmation) {
        InvoiceView invoice = invoices.get(platform, checkout.invoiceId());
        List<BuyerPaymentRequest.Allocation> allocations = null;
        if (invoice.kind() == InvoiceKind.INVOICE && invoice.status() == InvoiceStatus.OPEN
                && invoice.amountDue().amount().signum() > 0) {
            allocations = List.of(new BuyerPaymentRequest.Allocation(invoice.id(), new Money(
                    confirmation.amount().amount().min(invoice.amountDue().amount()), confirmation.amount().currency())));
        }
        String reference = ("Online " + checkout.gatewayKind() + " " + confirmation.paymentId());
        return balances.recordPayment(platform, checkout.issuerAccountId(), checkout.buyerAccountId(),
                new BuyerPaymentRequest(confirmation.amount(), null,
                        reference.length() > 200 ? reference.substring(0, 200) : reference, PaymentMethod.ONLINE,
                        allocations));
    }

    private Caller platform(String requestId) {
        ScopedAccount provider = scope.provider().orElseThrow();
        return Caller.system(provider.id(), provider.path(), requestId == null ? "payment-callback" : requestId);
    }

    static RuleViolationException refused() {
        return new RuleViolationException(Problem.INVALID_SIGNATURE, "The message is not signed with the gateway's "
                + "secret (Standard Webhooks: webhook-id, webhook-timestamp within 5 minutes, webhook-signature), or "
                + "names no gateway.");
    }
}
