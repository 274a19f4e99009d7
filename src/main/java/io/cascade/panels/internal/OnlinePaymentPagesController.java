package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.payments.api.CheckoutManagement;
import io.cascade.payments.api.CheckoutStatus;
import io.cascade.payments.api.CheckoutView;
import io.cascade.payments.api.GatewayManagement;
import io.cascade.payments.api.GatewaySettings;
import io.cascade.payments.api.GatewaySettingsView;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Paying online in the panel (ADR 0031), through {@code CheckoutManagement} and {@code GatewayManagement}: "Pay
 * online" on an open invoice starts a checkout and hands the buyer on to the gateway's hosted page (a page of our own
 * that continues there, since the panel's forms may only post to Cascade itself), the gateway sends it back to the
 * invoice, and an issuer sets up its gateway.
 */
@Controller
class OnlinePaymentPagesController {
    private static final List<String> FIELDS = List.of("kind", "baseUrl", "apiKey", "signingSecret");

    private final CheckoutManagement checkouts;
    private final GatewayManagement gateways;
    private final InvoiceManagement invoices;
    private final AccountManagement accounts;

    OnlinePaymentPagesController(CheckoutManagement checkouts, GatewayManagement gateways,
                                 InvoiceManagement invoices, AccountManagement accounts) {
        this.checkouts = checkouts;
        this.gateways = gateways;
        this.invoices = invoices;
        this.accounts = accounts;
    }

    @PostMapping("/panel/invoices/{invoiceId}/checkouts")
    String pay(Viewer viewer, @PathVariable UUID invoiceId, RedirectAttributes redirect) {
        try {
            CheckoutView checkout = checkouts.start(viewer.caller(), invoiceId).checkout();
            return "redirect:/panel/invoices/" + invoiceId + "/checkouts/" + checkout.id();
        } catch (RuleViolationException e) {
            redirect.addFlashAttribute("notice", e.getMessage());
            return "redirect:/panel/invoices/" + invoiceId;
        }
    }

    /** On to the gateway's page: at once (a refresh), or by the link. */
    @GetMapping("/panel/invoices/{invoiceId}/checkouts/{checkoutId}")
    String continueToGateway(Viewer viewer, @PathVariable UUID invoiceId, @PathVariable UUID checkoutId,
                             Model model, HttpServletResponse response) {
        CheckoutView checkout = checkouts.find(viewer.caller(), invoiceId, checkoutId)
                .orElseThrow(NotFoundException::new);
        if (checkout.status() != CheckoutStatus.OPEN) {
            return "redirect:/panel/invoices/" + invoiceId + "?checkout=" + checkoutId;
        }
        model.addAttribute("invoice", invoices.get(viewer.caller(), invoiceId));
        model.addAttribute("checkout", checkout);
        response.setHeader("Refresh", "0; url=" + checkout.redirectUrl());
        return "panel/checkout";
    }

    /** What the page the gateway sends the buyer back to says about the checkout. */
    static String notice(CheckoutView checkout) {
        return switch (checkout.status()) {
            case PAID -> "Payment received: thank you. The invoice is paid.";
            case OPEN -> "Payment pending: the payment service has not confirmed it yet. This page shows it once it "
                    + "has; nothing needs to be paid again.";
            case FAILED -> "The payment failed; the invoice is still open. You may try again.";
            case CANCELLED -> "The payment was cancelled; the invoice is still open.";
        };
    }

    // ---- the issuer's gateway -------------------------------------------------------------------------------

    record GatewayForm(String kind, String baseUrl, String version) {
    }

    @GetMapping("/panel/accounts/{accountId}/payment-gateway")
    String gateway(Viewer viewer, @PathVariable UUID accountId, Model model) {
        AccountView account = VendorPages.vendor(accounts, viewer.caller(), accountId);
        GatewaySettingsView current = gateways.find(viewer.caller(), accountId).orElse(null);
        GatewayForm form = current == null ? new GatewayForm("http", null, null)
                : new GatewayForm(current.kind(), current.baseUrl(), Long.toString(current.version()));
        return page(model, account, current, form, new FormErrors(FIELDS));
    }

    @PostMapping("/panel/accounts/{accountId}/payment-gateway")
    String saveGateway(Viewer viewer, @PathVariable UUID accountId, @RequestParam Map<String, String> params,
                       Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        GatewayForm form = new GatewayForm(params.get("kind"), params.get("baseUrl"), params.get("version"));
        FormErrors errors = new FormErrors(FIELDS);
        try {
            String version = AccountForm.text(form.version());
            gateways.put(caller, accountId, version == null ? null : Etags.of(Long.parseLong(version)),
                    new GatewaySettings(form.kind(), form.baseUrl(), AccountForm.text(params.get("apiKey")),
                            AccountForm.text(params.get("signingSecret"))));
            redirect.addFlashAttribute("notice", "The payment gateway has been saved.");
            return "redirect:/panel/accounts/" + accountId + "/payment-gateway";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        } catch (PreconditionFailedException | NumberFormatException e) {
            response.setStatus(412);
            errors.general("The gateway was changed meanwhile (or the form was altered); reload the page.");
        }
        return page(model, account, gateways.find(caller, accountId).orElse(null), form, errors);
    }

    private String page(Model model, AccountView account, GatewaySettingsView current, GatewayForm form,
                        FormErrors errors) {
        model.addAttribute("account", account);
        model.addAttribute("current", current);
        model.addAttribute("form", form);
        model.addAttribute("kinds", gateways.kinds());
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "invoices");
        return "panel/payment-gateway";
    }
}
