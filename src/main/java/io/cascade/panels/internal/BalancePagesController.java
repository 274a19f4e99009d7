package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.billing.api.AllocationRequest;
import io.cascade.billing.api.Balances;
import io.cascade.billing.api.CreditLimitRequest;
import io.cascade.billing.api.CreditLimits;
import io.cascade.billing.api.BuyerPaymentRequest;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.InvoiceView;
import io.cascade.billing.api.RefundRequest;
import io.cascade.billing.api.StatementView;
import io.cascade.billing.api.WriteOffRequest;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.Problem;
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
 * record a payment, refund credit and write off an open invoice) and from the buyer's (read only); its CSV. The
 * issuer's side also pays an open invoice from the buyer's credit and takes a payment back to the credit
 * ({@code Balances.allocate}/{@code unallocate}), and shows and sets the buyer's credit limit ({@code CreditLimits},
 * the form carrying the version it showed).
 */
@Controller
class BalancePagesController {
    private static final List<String> PAYMENT_FIELDS = List.of("amount", "paidOn", "reference");
    private static final List<String> ALLOCATION_FIELDS = List.of("invoiceId", "amount");
    private static final List<String> LIMIT_FIELDS = List.of("limit");

    private final Balances balances;
    private final InvoiceManagement invoices;
    private final AccountManagement accounts;
    private final CreditLimits creditLimits;

    BalancePagesController(Balances balances, InvoiceManagement invoices, AccountManagement accounts,
                           CreditLimits creditLimits) {
        this.balances = balances;
        this.invoices = invoices;
        this.accounts = accounts;
        this.creditLimits = creditLimits;
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

    /** Pays an open invoice of the statement from the buyer's credit (empty amount: as much as due and credit allow). */
    @PostMapping("/panel/accounts/{accountId}/buyers/{buyerId}/allocations")
    String allocate(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID buyerId,
                    @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
                    RedirectAttributes redirect) {
        return move(viewer, accountId, buyerId, params, true, model, response, redirect);
    }

    /** Takes (part of) what was paid of an invoice of the statement back to the buyer's credit. */
    @PostMapping("/panel/accounts/{accountId}/buyers/{buyerId}/unallocations")
    String unallocate(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID buyerId,
                      @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
                      RedirectAttributes redirect) {
        return move(viewer, accountId, buyerId, params, false, model, response, redirect);
    }

    private String move(Viewer viewer, UUID accountId, UUID buyerId, Map<String, String> params, boolean allocate,
                        Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        load(caller, accountId); // the issuer must be reached: outside (the buyer's side, a sibling), not found
        FormErrors errors = new FormErrors(ALLOCATION_FIELDS);
        String currency = AccountForm.text(params.get("currency"));
        try {
            InvoiceView invoice = statementInvoice(caller, accountId, buyerId, params.get("invoiceId"));
            String text = AccountForm.text(params.get("amount"));
            Money amount = text == null ? null : amount(params, invoice.currency());
            InvoiceView after;
            try {
                after = allocate ? balances.allocate(caller, invoice.id(), new AllocationRequest(amount))
                        : balances.unallocate(caller, invoice.id(), new AllocationRequest(amount));
            } catch (RuleViolationException e) {
                if (e.problem() == Problem.OVERPAYMENT || e.problem() == Problem.INSUFFICIENT_CREDIT) {
                    throw new InvalidInputException("amount", e.getMessage());
                }
                throw e;
            }
            redirect.addFlashAttribute("notice", (allocate ? "Paid " + after.number() + " from the credit: "
                    : "Took back to the credit what was paid of " + after.number() + "; paid now: ")
                    + after.amountPaid().amount().toPlainString() + " " + after.currency() + " paid, "
                    + after.amountDue().amount().toPlainString() + " due.");
            return "redirect:/panel/accounts/" + accountId + "/buyers/" + buyerId + "/statement";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(status(e));
            errors.from(e);
        }
        model.addAttribute(allocate ? "allocationErrors" : "unallocationErrors", errors);
        model.addAttribute(allocate ? "allocationTyped" : "unallocationTyped", params);
        return page(viewer, model, accountId, buyerId, true, currency, new FormErrors(PAYMENT_FIELDS),
                new FormErrors(PAYMENT_FIELDS), null);
    }

    /** The invoice named by the form, which must be one of this statement's pair (else: not found). */
    private InvoiceView statementInvoice(Caller caller, UUID issuerId, UUID buyerId, String id) {
        UUID invoiceId;
        try {
            invoiceId = UUID.fromString(AccountForm.text(id) == null ? "" : id.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invoiceId", "choose an invoice");
        }
        InvoiceView invoice = invoices.get(caller, invoiceId);
        if (!invoice.issuerAccountId().equals(issuerId) || !invoice.buyerAccountId().equals(buyerId)) {
            throw new NotFoundException();
        }
        return invoice;
    }

    /**
     * Sets the buyer's credit limit in the statement's currency, or removes it (empty amount), as
     * {@code PUT .../credit-limit} with the version the form showed as If-Match.
     */
    @PostMapping("/panel/accounts/{accountId}/buyers/{buyerId}/credit-limit")
    String creditLimit(Viewer viewer, @PathVariable UUID accountId, @PathVariable UUID buyerId,
                       @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
                       RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        load(caller, accountId);
        FormErrors errors = new FormErrors(LIMIT_FIELDS);
        String currency = AccountForm.text(params.get("currency"));
        try {
            String version = AccountForm.text(params.get("version"));
            String ifMatch = version == null ? null : Etags.of(Long.parseLong(version));
            String text = AccountForm.text(params.get("limit"));
            Money limit = null;
            if (text != null) {
                try {
                    limit = Money.of(text, currency == null ? "EUR" : currency);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("limit", "must be an amount, e.g. 500.00");
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("currency", "must be an ISO 4217 code");
                }
            }
            CreditLimits.Versioned after = creditLimits.set(caller, accountId, buyerId, ifMatch,
                    new CreditLimitRequest(limit, currency));
            redirect.addFlashAttribute("notice", after.limit().limit() == null ? "The credit limit has been removed."
                    : "The credit limit is now " + after.limit().limit().amount().toPlainString() + " "
                    + after.limit().currency() + ".");
            return "redirect:/panel/accounts/" + accountId + "/buyers/" + buyerId + "/statement";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(status(e));
            errors.from(e);
        } catch (PreconditionFailedException | NumberFormatException e) {
            response.setStatus(412);
            errors.general("The credit limit was changed meanwhile (or the form was altered); reload the page.");
        }
        model.addAttribute("limitErrors", errors);
        model.addAttribute("limitTyped", params);
        return page(viewer, model, accountId, buyerId, true, currency, new FormErrors(PAYMENT_FIELDS),
                new FormErrors(PAYMENT_FIELDS), null);
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
        List<InvoiceView> paid = new ArrayList<>();
        if (asIssuer) {
            for (StatementView.Entry e : statement.entries()) {
                if (e.type() == StatementView.EntryType.INVOICE) {
                    InvoiceView invoice = invoices.get(caller, e.id());
                    if (invoice.status().name().equals("OPEN")) {
                        open.add(invoice);
                    }
                    if (!invoice.status().name().equals("UNCOLLECTIBLE")
                            && invoice.amountPaid().amount().signum() > 0) {
                        paid.add(invoice);
                    }
                }
            }
            model.addAttribute("creditLimit", creditLimits.get(caller, accountId, counterparty,
                    statement.currency()));
        }
        model.addAttribute("openInvoices", open);
        model.addAttribute("paidInvoices", paid);
        for (String name : List.of("allocationErrors", "unallocationErrors")) {
            if (!model.containsAttribute(name)) {
                model.addAttribute(name, new FormErrors(ALLOCATION_FIELDS));
            }
        }
        if (!model.containsAttribute("limitErrors")) {
            model.addAttribute("limitErrors", new FormErrors(LIMIT_FIELDS));
        }
        for (String name : List.of("allocationTyped", "unallocationTyped", "limitTyped")) {
            if (!model.containsAttribute(name)) {
                model.addAttribute(name, Map.of());
            }
        }
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
