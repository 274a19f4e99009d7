package io.cascade.payments.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.api.BillingSettings;
import io.cascade.billing.api.InvoiceKind;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.InvoiceStatus;
import io.cascade.billing.api.InvoiceView;
import io.cascade.billing.api.PaymentMethod;
import io.cascade.payments.internal.CheckoutStore;
import io.cascade.payments.internal.GatewayConnectors;
import io.cascade.payments.internal.GatewayStore;
import io.cascade.payments.internal.GatewayUrls;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Paying an invoice online (ADR 0031): the buyer side starts a hosted checkout at its issuer's gateway and is sent
 * there; the gateway's signed confirmation records the payment ({@code OnlinePaymentCallbacks}). Whoever sees the
 * invoice with {@code BILLING_MANAGE} may start one — the buyer's staff, or the issuer's to hand the link on.
 */
@Service
public class CheckoutManagement {
    private static final Logger log = LoggerFactory.getLogger(CheckoutManagement.class);

    private final InvoiceManagement invoices;
    private final AccountScope scope;
    private final GatewayStore gateways;
    private final GatewayConnectors connectors;
    private final GatewayUrls urls;
    private final CheckoutStore checkouts;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration reuse;

    CheckoutManagement(InvoiceManagement invoices, AccountScope scope, GatewayStore gateways,
                       GatewayConnectors connectors, GatewayUrls urls, CheckoutStore checkouts, AuditTrail audit,
                       Clock clock, @Value("${cascade.payments.checkout-reuse:PT1H}") Duration reuse) {
        this.invoices = invoices;
        this.scope = scope;
        this.gateways = gateways;
        this.connectors = connectors;
        this.urls = urls;
        this.checkouts = checkouts;
        this.audit = audit;
        this.clock = clock;
        this.reuse = reuse;
    }

    /** A checkout and whether this call created it (false: the open one of the invoice, started before). */
    public record Started(CheckoutView checkout, boolean created) {
    }

    /**
     * Starts paying an open invoice online, or answers the checkout already open for it (same gateway and amount,
     * started within {@code cascade.payments.checkout-reuse}). Refused when nothing is due (409 {@code not-payable}),
     * when the issuer does not accept {@code ONLINE} (422 {@code online-payment-not-accepted}) or has no gateway
     * (422 {@code payment-gateway-not-configured}), and when the gateway does not answer (503
     * {@code payment-gateway-unavailable}): nothing is stored then.
     */
    @Transactional
    public Started start(Caller caller, UUID invoiceId) {
        InvoiceView invoice = invoices.get(caller, invoiceId);
        caller.require(Privilege.BILLING_MANAGE);
        requirePayable(invoice);
        Caller platform = platform(caller);
        BillingSettings.Payment payment = invoices.versionedSettings(platform, invoice.issuerAccountId()).settings()
                .payment();
        if (payment == null || payment.acceptedMethods() == null
                || !payment.acceptedMethods().contains(PaymentMethod.ONLINE)) {
            throw new RuleViolationException(Problem.ONLINE_PAYMENT_NOT_ACCEPTED, "The invoice's issuer does not "
                    + "accept online payments; pay it as its invoice says.");
        }
        GatewayStore.Row gateway = gateways.ofAccount(invoice.issuerAccountId()).orElseThrow(() ->
                new RuleViolationException(Problem.PAYMENT_GATEWAY_NOT_CONFIGURED, "The invoice's issuer has no "
                        + "payment gateway set up yet; pay it as its invoice says."));
        PaymentGateway connector = connectors.of(gateway.kind()).orElseThrow(() -> new RuleViolationException(
                Problem.PAYMENT_GATEWAY_UNAVAILABLE, "The issuer's payment gateway (" + gateway.kind()
                + ") is not available on this installation."));

        checkouts.lockInvoice(invoice.id());
        invoice = invoices.get(caller, invoiceId); // as it is now that no other start of it runs
        requirePayable(invoice);
        Instant now = clock.instant();
        Optional<CheckoutStore.Row> open = checkouts.reusable(invoice.id(), gateway.id(),
                invoice.amountDue().amount(), now.minus(reuse));
        if (open.isPresent()) {
            return new Started(open.get().view(), false);
        }
        UUID id = UUID.randomUUID();
        CheckoutOrder order = new CheckoutOrder(invoice.amountDue(), id.toString(), "Invoice " + invoice.number(),
                urls.returnTo(invoice.id(), id), urls.callback(gateway.id()));
        GatewayCheckout created;
        try {
            created = connector.createCheckout(gateway.configuration(), order);
        } catch (GatewayException e) {
            log.warn("Checkout of invoice {} at gateway {} failed: {}", invoice.id(), gateway.id(), e.getMessage());
            throw new RuleViolationException(Problem.PAYMENT_GATEWAY_UNAVAILABLE, "The issuer's payment gateway "
                    + "did not take the payment: " + e.getMessage() + " Try again later.");
        }
        CheckoutView view = new CheckoutView(id, invoice.id(), invoice.issuerAccountId(), invoice.buyerAccountId(),
                invoice.amountDue(), CheckoutStatus.OPEN, gateway.kind(), created.paymentId(),
                created.redirectUrl().toString(), null, now, null);
        checkouts.insert(view, gateway.id(), invoice.buyerPath(), caller.userId());
        audit.record(new AuditRecord(caller, invoice.buyerAccountId(), invoice.buyerPath(),
                "payment.checkout-started", null, Map.of("checkoutId", id, "invoiceId", invoice.id(),
                "amount", invoice.amountDue(), "gateway", gateway.kind(), "gatewayPaymentId", created.paymentId())));
        return new Started(view, true);
    }

    private static void requirePayable(InvoiceView invoice) {
        if (invoice.kind() != InvoiceKind.INVOICE || invoice.status() != InvoiceStatus.OPEN
                || invoice.amountDue().amount().signum() <= 0) {
            throw RuleViolationException.conflict(Problem.NOT_PAYABLE, "Invoice " + invoice.number() + " is "
                    + invoice.status() + "; nothing is due on it.");
        }
    }

    /** A checkout of the invoice, for the page the buyer comes back to; empty when the invoice has no such one. */
    @Transactional(readOnly = true)
    public Optional<CheckoutView> find(Caller caller, UUID invoiceId, UUID checkoutId) {
        InvoiceView invoice = invoices.get(caller, invoiceId);
        return checkouts.find(checkoutId).map(CheckoutStore.Row::view)
                .filter(c -> c.invoiceId().equals(invoice.id()));
    }

    /**
     * Whether the invoice can be paid online by this caller now: open with something due, the caller may manage
     * billing, and its issuer accepts {@code ONLINE} and has a gateway (for the panel's "Pay online").
     */
    @Transactional(readOnly = true)
    public boolean payableOnline(Caller caller, InvoiceView invoice) {
        if (!caller.has(Privilege.BILLING_MANAGE) || invoice.kind() != InvoiceKind.INVOICE
                || invoice.status() != InvoiceStatus.OPEN || invoice.amountDue().amount().signum() <= 0) {
            return false;
        }
        BillingSettings.Payment payment = invoices.versionedSettings(platform(caller), invoice.issuerAccountId())
                .settings().payment();
        return payment != null && payment.acceptedMethods() != null
                && payment.acceptedMethods().contains(PaymentMethod.ONLINE)
                && gateways.ofAccount(invoice.issuerAccountId()).isPresent();
    }

    /** The platform, to read an issuer's settings that the buyer side does not reach (after the invoice's check). */
    private Caller platform(Caller caller) {
        ScopedAccount provider = scope.provider().orElseThrow();
        return Caller.system(provider.id(), provider.path(), caller.requestId());
    }
}
