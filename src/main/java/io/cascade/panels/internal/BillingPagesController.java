package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.billing.api.BillingReports;
import io.cascade.billing.api.BillingRuns;
import io.cascade.billing.api.CreditNoteRequest;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.InvoiceView;
import io.cascade.billing.api.MarginReport;
import io.cascade.billing.api.PaymentRequest;
import io.cascade.billing.api.RunStatus;
import io.cascade.billing.api.RunView;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletRequest;
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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The billing pages, through {@code BillingRuns}, {@code BillingRunHistory}, {@code InvoiceManagement} and
 * {@code BillingReports}: the billing runs, newest first, each with live progress (htmx polls the progress while the
 * run works), an account's invoices and credit notes, one invoice with its PDF and CSV, payments and credit notes on
 * the issuer's side, commission statements and the margin report.
 */
@Controller
class BillingPagesController {
    private final BillingRuns runs;
    private final InvoiceManagement invoices;
    private final BillingReports reports;
    private final AccountManagement accounts;
    private final io.cascade.billing.api.BillingRunHistory history;
    private final PlanNames planNames;
    private final io.cascade.payments.api.CheckoutManagement checkouts;

    BillingPagesController(BillingRuns runs, InvoiceManagement invoices, BillingReports reports,
                           AccountManagement accounts, io.cascade.billing.api.BillingRunHistory history,
                           PlanNames planNames, io.cascade.payments.api.CheckoutManagement checkouts) {
        this.checkouts = checkouts;
        this.history = history;
        this.planNames = planNames;
        this.runs = runs;
        this.invoices = invoices;
        this.reports = reports;
        this.accounts = accounts;
    }

    // ---- runs -----------------------------------------------------------------------------------------------

    @GetMapping("/panel/billing")
    String billing(Viewer viewer, @RequestParam(required = false) String cursor, Model model) {
        if (!viewer.provider()) {
            throw new NotFoundException();
        }
        model.addAttribute("errors", new FormErrors(List.of("asOf")));
        return billingPage(viewer, cursor, model);
    }

    /** The billing page with the runs, newest first, 25 per page. */
    private String billingPage(Viewer viewer, String cursor, Model model) {
        model.addAttribute("runs", history.list(viewer.caller(), 25, cursor));
        model.addAttribute("cursor", cursor);
        return "panel/billing";
    }

    @PostMapping("/panel/billing/runs")
    String start(Viewer viewer, @RequestParam(required = false) String asOf, Model model,
                 HttpServletResponse response) {
        FormErrors errors = new FormErrors(List.of("asOf"));
        try {
            LocalDate day = null;
            if (AccountForm.text(asOf) != null) {
                try {
                    day = LocalDate.parse(asOf.strip());
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException("asOf", "must be a date, e.g. 2026-12-01");
                }
            }
            RunView run = runs.start(viewer.caller(), day);
            return "redirect:/panel/billing/runs/" + run.id();
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        model.addAttribute("errors", errors);
        model.addAttribute("asOf", asOf);
        return billingPage(viewer, null, model);
    }

    @GetMapping("/panel/billing/runs/{runId}")
    String run(Viewer viewer, @PathVariable UUID runId, Model model, HttpServletRequest request) {
        RunView run = runs.get(viewer.caller(), runId);
        model.addAttribute("run", run);
        model.addAttribute("percent", percent(run));
        return Htmx.wantsFragment(request) ? "panel/billing-run :: progress" : "panel/billing-run";
    }

    private static int percent(RunView run) {
        int total = run.progress().buyersTotal();
        if (total == 0) {
            return run.status() == RunStatus.COMPLETED ? 100 : 0;
        }
        return (run.progress().buyersDone() + run.progress().buyersFailed()) * 100 / total;
    }

    // ---- invoices -------------------------------------------------------------------------------------------

    @GetMapping("/panel/accounts/{accountId}/invoices")
    String list(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String role,
                @RequestParam(required = false) String cursor, Model model) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, accountId);
        String which = "BUYER".equals(role) || "ISSUER".equals(role) ? role : null;
        Page<InvoiceView> page = invoices.list(caller, accountId, which, 25, cursor);
        model.addAttribute("account", account);
        model.addAttribute("invoices", page);
        model.addAttribute("names", names(caller, page.items()));
        model.addAttribute("role", which);
        model.addAttribute("cursor", cursor);
        model.addAttribute("tab", "invoices");
        return "panel/invoices";
    }

    @GetMapping("/panel/invoices/{invoiceId}")
    String invoice(Viewer viewer, @PathVariable UUID invoiceId, @RequestParam(required = false) UUID checkout,
                   Model model) {
        InvoiceView invoice = invoices.get(viewer.caller(), invoiceId);
        if (checkout != null) { // back from the payment gateway
            checkouts.find(viewer.caller(), invoiceId, checkout)
                    .ifPresent(c -> model.addAttribute("notice", OnlinePaymentPagesController.notice(c)));
        }
        return invoicePage(viewer, model, invoice, new FormErrors(List.of("reason", "lines")),
                new FormErrors(List.of("amount", "paidOn", "reference")), null);
    }

    @GetMapping("/panel/invoices/{invoiceId}/pdf")
    ResponseEntity<byte[]> pdf(Viewer viewer, @PathVariable UUID invoiceId) {
        InvoiceView invoice = invoices.get(viewer.caller(), invoiceId);
        byte[] body = invoices.pdf(viewer.caller(), invoiceId);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + invoice.number() + ".pdf\"")
                .body(body);
    }

    @GetMapping("/panel/invoices/{invoiceId}/csv")
    ResponseEntity<byte[]> csv(Viewer viewer, @PathVariable UUID invoiceId) {
        InvoiceView invoice = invoices.get(viewer.caller(), invoiceId);
        String body = invoices.csv(viewer.caller(), invoiceId);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + invoice.number() + ".csv\"")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/panel/invoices/{invoiceId}/credit-notes")
    String creditNote(Viewer viewer, @PathVariable UUID invoiceId, @RequestParam Map<String, String> params,
                      Model model, HttpServletResponse response, RedirectAttributes redirect) {
        InvoiceView invoice = invoices.get(viewer.caller(), invoiceId);
        FormErrors errors = new FormErrors(creditFields(invoice));
        try {
            List<FieldProblem> problems = new ArrayList<>();
            List<CreditNoteRequest.Line> lines = new ArrayList<>();
            for (int i = 0; i < invoice.lines().size(); i++) {
                String amount = AccountForm.text(params.get("amount." + i));
                if (amount == null) {
                    continue;
                }
                try {
                    lines.add(new CreditNoteRequest.Line(invoice.lines().get(i).id(), new BigDecimal(amount)));
                } catch (NumberFormatException e) {
                    problems.add(new FieldProblem("lines[" + i + "].amount", "must be a number, e.g. 4.50"));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            InvoiceView note = invoices.creditNote(viewer.caller(), invoiceId, new CreditNoteRequest(
                    AccountForm.text(params.get("reason")), lines.isEmpty() ? null : lines));
            redirect.addFlashAttribute("notice", "Issued the credit note " + note.number() + " over "
                    + note.total().amount().toPlainString() + " " + note.currency() + ".");
            return "redirect:/panel/invoices/" + note.id();
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return invoicePage(viewer, model, invoice, errors, new FormErrors(List.of("amount", "paidOn", "reference")),
                params);
    }

    @PostMapping("/panel/invoices/{invoiceId}/payments")
    String payment(Viewer viewer, @PathVariable UUID invoiceId, @RequestParam Map<String, String> params,
                   Model model, HttpServletResponse response, RedirectAttributes redirect) {
        InvoiceView invoice = invoices.get(viewer.caller(), invoiceId);
        FormErrors errors = new FormErrors(List.of("amount", "paidOn", "reference"));
        try {
            List<FieldProblem> problems = new ArrayList<>();
            Money amount = null;
            LocalDate paidOn = null;
            try {
                String text = AccountForm.text(params.get("amount"));
                amount = text == null ? null : Money.of(text, invoice.currency());
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("amount", "must be an amount, e.g. 19.90"));
            }
            try {
                String text = AccountForm.text(params.get("paidOn"));
                paidOn = text == null ? null : LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("paidOn", "must be a date, e.g. 2026-12-01"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            InvoiceView after = invoices.pay(viewer.caller(), invoiceId, new PaymentRequest(amount, paidOn,
                    AccountForm.text(params.get("reference"))));
            redirect.addFlashAttribute("notice", "Recorded the payment; " + after.openAmount().amount()
                    .toPlainString() + " " + after.currency() + " remain open.");
            return "redirect:/panel/invoices/" + invoiceId;
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return invoicePage(viewer, model, invoice, new FormErrors(creditFields(invoice)), errors, params);
    }

    private String invoicePage(Viewer viewer, Model model, InvoiceView invoice, FormErrors creditErrors,
                               FormErrors paymentErrors, Map<String, String> typed) {
        Caller caller = viewer.caller();
        boolean issuerSide = caller.covers(invoice.issuerPath());
        model.addAttribute("invoice", invoice);
        model.addAttribute("names", names(caller, List.of(invoice)));
        model.addAttribute("issuerSide", issuerSide);
        model.addAttribute("payOnline", !issuerSide && checkouts.payableOnline(caller, invoice));
        model.addAttribute("account", load(caller, issuerSide && !caller.covers(invoice.buyerPath())
                ? invoice.issuerAccountId() : invoice.buyerAccountId()));
        model.addAttribute("creditErrors", creditErrors);
        model.addAttribute("paymentErrors", paymentErrors);
        model.addAttribute("typed", typed == null ? Map.of() : typed);
        model.addAttribute("tab", "invoices");
        return "panel/invoice";
    }

    private static List<String> creditFields(InvoiceView invoice) {
        List<String> fields = new ArrayList<>(List.of("reason", "lines"));
        for (int i = 0; i < invoice.lines().size(); i++) {
            fields.add("lines[" + i + "].amount");
        }
        return fields;
    }

    // ---- reports --------------------------------------------------------------------------------------------

    @GetMapping("/panel/accounts/{accountId}/commission-statements")
    String commissions(Viewer viewer, @PathVariable UUID accountId, Model model) {
        Caller caller = viewer.caller();
        model.addAttribute("account", load(caller, accountId));
        List<io.cascade.billing.api.CommissionStatementView> statements = reports.commissionStatements(caller,
                accountId);
        model.addAttribute("statements", statements);
        model.addAttribute("planNames", planNames.ofOfferings(caller, accountId, statements.stream()
                .flatMap(s -> s.lines().stream()).map(l -> l.planId()).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet())));
        model.addAttribute("tab", "invoices");
        return "panel/commission-statements";
    }

    @GetMapping("/panel/accounts/{accountId}/margin")
    String margin(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String period,
                  Model model) {
        Caller caller = viewer.caller();
        String month = period != null && period.matches("\\d{4}-\\d{2}") ? period : YearMonth.now().toString();
        MarginReport report = reports.margin(caller, accountId, month);
        model.addAttribute("account", load(caller, accountId));
        model.addAttribute("report", report);
        model.addAttribute("period", report.period());
        model.addAttribute("previous", report.period().minusMonths(1));
        model.addAttribute("next", report.period().plusMonths(1));
        model.addAttribute("tab", "invoices");
        return "panel/margin";
    }

    /** Company names of the invoices' issuers and buyers, where the viewer may see them. */
    private Map<UUID, String> names(Caller caller, List<InvoiceView> list) {
        Map<UUID, String> names = new HashMap<>();
        for (InvoiceView i : list) {
            for (UUID id : List.of(i.issuerAccountId(), i.buyerAccountId())) {
                if (!names.containsKey(id)) {
                    try {
                        names.put(id, load(caller, id).companyName());
                    } catch (NotFoundException | ForbiddenException e) {
                        names.put(id, null); // a vendor above: the page names it by the seller's brand (ADR 0033)
                    }
                }
            }
        }
        return names;
    }

    private AccountView load(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }
}
