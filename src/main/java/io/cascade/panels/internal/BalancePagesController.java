package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.billing.api.Balances;
import io.cascade.billing.api.BuyerPaymentRequest;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.InvoiceView;
import io.cascade.billing.api.RefundRequest;
import io.cascade.billing.api.StatementView;
import io.cascade.billing.api.WriteOffRequest;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Balances in the panel (issue 17, ADR 0027), through {@code Balances}: an account's balances as a buyer and as an
 * issuer; the statement of account of a pair with its running balance, from the issuer's side (with the forms to
 * record a payment, refund credit and write off an open invoice) and from the buyer's (read only); its CSV.
 */
@Controller
class BalancePagesController {
    private static final List<String> PAYMENT_FIELDS = List.of("amount", "paidOn", "reference");

    private final Balances balances;
    private final InvoiceManagement invoices;
    private final AccountManagement accounts;

    BalancePagesController(Balances balances, InvoiceManagement invoices, AccountManagement accounts) {
        this.balances = balances;
        this.invoices = invoices;
        this.accounts = accounts;
    }

    @GetMapping("/panel/accounts/{accountId}/balances")
    String list(Viewer viewer, @PathVariable UUID accountId, Model model) {
        Caller caller = viewer.caller();
        model.addAttribute("account", load(caller, accountId));
        model.addAttribute("asBuyer", balances.balances(caller, accountId, "BUYER"));
        model.addAttribute("asIssuer", balances.balances(caller, accountId, "ISSUER"));
        model.addAttribute("tab", "invoices");
        return "panel/balances";
    }

    @GetMapping("/panel/accounts/{accountId}/buyers/{buyerId}/statement")
    String buyer(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID buyerId,
                 @RequestParam(required = false) String currency, Model model) {
        return page(viewer, model, accountId, buyerId, true, currency, new FormErrors(PAYMENT_FIELDS),
                new FormErrors(PAYMENT_FIELDS), null);
    }

    @GetMapping("/panel/accounts/{accountId}/vendors/{vendorId}/statement")
    String vendor(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID vendorId,
                  @RequestParam(required = false) String currency, Model model) {
        return page(viewer, model, accountId, vendorId, false, currency, new FormErrors(PAYMENT_FIELDS),
                new FormErrors(PAYMENT_FIELDS), null);
    }

    @GetMapping("/panel/accounts/{accountId}/buyers/{buyerId}/statement.csv")
    ResponseEntity<byte[]> buyerCsv(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID buyerId,
                                    @RequestParam(required = false) String currency) {
        return csv(balances.statementCsv(viewer.caller(), accountId, buyerId, true, currency));
    }

    @GetMapping("/panel/accounts/{accountId}/vendors/{vendorId}/statement.csv")
    ResponseEntity<byte[]> vendorCsv(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID vendorId,
                                     @RequestParam(required = false) String currency) {
        return csv(balances.statementCsv(viewer.caller(), accountId, vendorId, false, currency));
    }

    @GetMapping("/panel/accounts/{accountId}/buyers/{buyerId}/statement.pdf")
    ResponseEntity<byte[]> buyerPdf(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID buyerId,
                                    @RequestParam(required = false) String currency) {
        return pdf(balances.statementPdf(viewer.caller(), accountId, buyerId, true, currency));
    }

    @GetMapping("/panel/accounts/{accountId}/vendors/{vendorId}/statement.pdf")
    ResponseEntity<byte[]> vendorPdf(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID vendorId,
                                     @RequestParam(required = false) String currency) {
        return pdf(balances.statementPdf(viewer.caller(), accountId, vendorId, false, currency));
    }

    @PostMapping("/panel/accounts/{accountId}/buyers/{buyerId}/payments")
    String pay(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID buyerId,
               @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
               RedirectAttributes redirect) {
        FormErrors errors = new FormErrors(PAYMENT_FIELDS);
        String currency = AccountForm.text(params.get("currency"));
        try {
            Money amount = amount(params, currency);
            LocalDate day = day(params.get("paidOn"), "paidOn");
            var payment = balances.recordPayment(viewer.caller(), accountId, buyerId, new BuyerPaymentRequest(amount,
                    day, AccountForm.text(params.get("reference")), null, null));
            redirect.addFlashAttribute("notice", "Recorded the payment of " + payment.amount().amount()
                    .toPlainString() + " " + currency + "; " + payment.credited().amount().toPlainString()
                    + " went to the credit.");
            return "redirect:/panel/accounts/" + accountId + "/buyers/" + buyerId + "/statement";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(status(e));
            errors.from(e);
        }
        return page(viewer, model, accountId, buyerId, true, currency, errors, new FormErrors(PAYMENT_FIELDS),
                params);
    }

    @PostMapping("/panel/accounts/{accountId}/buyers/{buyerId}/refunds")
    String refund(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID buyerId,
                  @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        FormErrors errors = new FormErrors(PAYMENT_FIELDS);
        String currency = AccountForm.text(params.get("currency"));
        try {
            Money amount = amount(params, currency);
            var refund = balances.refund(viewer.caller(), accountId, buyerId, new RefundRequest(amount, null,
                    AccountForm.text(params.get("reference")), null));
            redirect.addFlashAttribute("notice", "Refunded " + refund.amount().amount().toPlainString() + " "
                    + currency + " of credit.");
            return "redirect:/panel/accounts/" + accountId + "/buyers/" + buyerId + "/statement";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(status(e));
            errors.from(e);
        }
        return page(viewer, model, accountId, buyerId, true, currency, new FormErrors(PAYMENT_FIELDS), errors,
                params);
    }

    @PostMapping("/panel/invoices/{invoiceId}/write-off")
    String writeOff(Viewer viewer, @PathVariable UUID invoiceId, @RequestParam Map<String, String> params,
                    RedirectAttributes redirect) {
        InvoiceView invoice = invoices.get(viewer.caller(), invoiceId);
        String back = "redirect:/panel/accounts/" + invoice.issuerAccountId() + "/buyers/" + invoice.buyerAccountId()
                + "/statement";
        try {
            InvoiceView after = balances.writeOff(viewer.caller(), invoiceId,
                    new WriteOffRequest(AccountForm.text(params.get("reason"))));
            redirect.addFlashAttribute("notice", "Wrote off " + after.writtenOff().amount().toPlainString() + " "
                    + after.currency() + " of " + after.number() + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("notice", "Not written off: a write-off needs a reason.");
        } catch (RuleViolationException e) {
            redirect.addFlashAttribute("notice", "Not written off: " + e.getMessage());
        }
        return back;
    }

    private String page(Viewer viewer, Model model, UUID accountId, UUID counterparty, boolean asIssuer,
                        String currency, FormErrors paymentErrors, FormErrors refundErrors,
                        Map<String, String> typed) {
        Caller caller = viewer.caller();
        StatementView statement = balances.statement(caller, accountId, counterparty, asIssuer, currency);
        model.addAttribute("account", load(caller, accountId));
        model.addAttribute("statement", statement);
        model.addAttribute("asIssuer", asIssuer);
        model.addAttribute("canManage", asIssuer && caller.has(io.cascade.shared.Privilege.BILLING_MANAGE));
        List<InvoiceView> open = new ArrayList<>();
        if (asIssuer) {
            for (StatementView.Entry e : statement.entries()) {
                if (e.type() == StatementView.EntryType.INVOICE) {
                    InvoiceView invoice = invoices.get(caller, e.id());
                    if (invoice.status().name().equals("OPEN")) {
                        open.add(invoice);
                    }
                }
            }
        }
        model.addAttribute("openInvoices", open);
        model.addAttribute("paymentErrors", paymentErrors);
        model.addAttribute("refundErrors", refundErrors);
        model.addAttribute("typed", typed == null ? Map.of() : typed);
        model.addAttribute("csvPath", "/panel/accounts/" + accountId + (asIssuer ? "/buyers/" : "/vendors/")
                + counterparty + "/statement.csv");
        model.addAttribute("pdfPath", "/panel/accounts/" + accountId + (asIssuer ? "/buyers/" : "/vendors/")
                + counterparty + "/statement.pdf");
        model.addAttribute("tab", "invoices");
        return "panel/statement";
    }

    private static Money amount(Map<String, String> params, String currency) {
        String text = AccountForm.text(params.get("amount"));
        if (text == null) {
            throw new InvalidInputException("amount", "is required");
        }
        try {
            return Money.of(text, currency == null ? "EUR" : currency);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(List.of(new FieldProblem("amount", "must be an amount, e.g. 19.90")));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("currency", "must be an ISO 4217 code");
        }
    }

    private static LocalDate day(String value, String field) {
        String text = AccountForm.text(value);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date, e.g. 2026-12-01");
        }
    }

    private static int status(RuntimeException e) {
        return e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422;
    }

    private static ResponseEntity<byte[]> pdf(byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statement.pdf\"").body(body);
    }

    private static ResponseEntity<byte[]> csv(String body) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statement.csv\"")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private AccountView load(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }
}
