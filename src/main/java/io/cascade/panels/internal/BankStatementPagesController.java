package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.billing.api.BalanceSummary;
import io.cascade.billing.api.Balances;
import io.cascade.billing.api.OpenInvoice;
import io.cascade.payments.api.BankStatementView;
import io.cascade.payments.api.BankStatements;
import io.cascade.payments.api.StatementEntryAssignment;
import io.cascade.payments.api.StatementEntryIgnoring;
import io.cascade.payments.api.StatementEntryView;
import io.cascade.shared.Caller;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Privilege;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bank statements in the panel (issue 17), through {@code BankStatements}: an issuer uploads its bank's statement
 * (camt.053 or CSV) and sees what the import did (matched, left unmatched, duplicates, ignored) and every entry; the
 * unmatched queue with a form per entry to assign it to a buyer (optionally to one of its open invoices) or to ignore
 * it with a reason.
 */
@Controller
class BankStatementPagesController {
    private final BankStatements statements;
    private final Balances balances;
    private final AccountManagement accounts;

    BankStatementPagesController(BankStatements statements, Balances balances, AccountManagement accounts) {
        this.statements = statements;
        this.balances = balances;
        this.accounts = accounts;
    }

    @GetMapping("/panel/accounts/{accountId}/bank-statements")
    String page(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String cursor,
                Model model) {
        Caller caller = viewer.caller();
        model.addAttribute("account", load(caller, accountId));
        model.addAttribute("statements", statements.statements(caller, accountId, 20, null).items());
        var queue = statements.queue(caller, accountId, null, 50, cursor);
        model.addAttribute("queue", queue);
        boolean canManage = caller.has(Privilege.BILLING_MANAGE);
        model.addAttribute("canManage", canManage);
        Map<UUID, String> buyers = new LinkedHashMap<>();
        for (BalanceSummary b : balances.balances(caller, accountId, "ISSUER")) {
            buyers.putIfAbsent(b.buyerAccountId(), b.buyerName());
        }
        model.addAttribute("buyers", buyers);
        List<OpenInvoice> open = canManage && !queue.items().isEmpty()
                ? balances.openInvoices(caller, accountId).stream().limit(500).toList() : List.of();
        model.addAttribute("openInvoices", open);
        model.addAttribute("tab", "invoices");
        return "panel/bank-statements";
    }

    @PostMapping("/panel/accounts/{accountId}/bank-statements")
    String upload(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) MultipartFile file,
                  RedirectAttributes redirect) {
        String back = "redirect:/panel/accounts/" + accountId + "/bank-statements";
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("notice", "Not imported: choose the statement's file (camt.053 XML or CSV).");
            return back;
        }
        String content;
        try {
            content = new String(file.getBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            BankStatementView imported = statements.importStatement(viewer.caller(), accountId, content,
                    file.getOriginalFilename());
            redirect.addFlashAttribute("notice", "Imported " + imported.entries() + " entries: matched "
                    + imported.matched() + ", unmatched " + imported.unmatched() + ", duplicates "
                    + imported.duplicates() + ", ignored " + imported.ignored() + ".");
            return "redirect:/panel/bank-statements/" + imported.id();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("notice", "Not imported, nothing was recorded: " + e.problems().stream()
                    .limit(10).map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")) + ".");
        } catch (RuleViolationException e) {
            redirect.addFlashAttribute("notice", "Not imported, nothing was recorded: " + e.getMessage());
        }
        return back;
    }

    @GetMapping("/panel/bank-statements/{statementId}")
    String statement(Viewer viewer, @PathVariable UUID statementId, Model model) {
        Caller caller = viewer.caller();
        BankStatementView statement = statements.statement(caller, statementId);
        model.addAttribute("account", load(caller, statement.issuerAccountId()));
        model.addAttribute("statement", statement);
        model.addAttribute("entries", statements.entries(caller, statementId, null, 500, null));
        model.addAttribute("tab", "invoices");
        return "panel/bank-statement";
    }

    /** Assigns an unmatched entry to the buyer chosen, or to the buyer of the invoice chosen. */
    @PostMapping("/panel/bank-entries/{entryId}/assign")
    String assign(Viewer viewer, @PathVariable UUID entryId, @RequestParam Map<String, String> params,
                  RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        StatementEntryView entry = statements.entry(caller, entryId);
        String back = "redirect:/panel/accounts/" + entry.issuerAccountId() + "/bank-statements";
        try {
            UUID invoiceId = id(params.get("invoiceId"), "invoiceId");
            UUID buyerId = id(params.get("buyerId"), "buyerId");
            if (invoiceId != null && buyerId == null) {
                buyerId = balances.openInvoices(caller, entry.issuerAccountId()).stream()
                        .filter(i -> i.invoiceId().equals(invoiceId)).map(OpenInvoice::buyerAccountId).findFirst()
                        .orElseThrow(() -> new InvalidInputException("invoiceId", "is not an open invoice"));
            }
            if (buyerId == null) {
                throw new InvalidInputException("buyerId", "choose a buyer or an invoice");
            }
            StatementEntryView after = statements.assign(caller, entryId, new StatementEntryAssignment(buyerId,
                    invoiceId == null ? null : List.of(invoiceId)));
            redirect.addFlashAttribute("notice", "Assigned " + after.amount().amount().toPlainString() + " "
                    + after.amount().currency().getCurrencyCode() + " of " + after.bookingDate()
                    + ": the payment is recorded.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("notice", "Not assigned: " + e.problems().stream()
                    .map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")) + ".");
        } catch (RuleViolationException e) {
            redirect.addFlashAttribute("notice", "Not assigned: " + e.getMessage());
        }
        return back;
    }

    @PostMapping("/panel/bank-entries/{entryId}/ignore")
    String ignore(Viewer viewer, @PathVariable UUID entryId, @RequestParam(required = false) String reason,
                  RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        StatementEntryView entry = statements.entry(caller, entryId);
        try {
            statements.ignore(caller, entryId, new StatementEntryIgnoring(AccountForm.text(reason)));
            redirect.addFlashAttribute("notice", "Ignored the entry of " + entry.bookingDate() + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("notice", "Not ignored: give a reason.");
        } catch (RuleViolationException e) {
            redirect.addFlashAttribute("notice", "Not ignored: " + e.getMessage());
        }
        return "redirect:/panel/accounts/" + entry.issuerAccountId() + "/bank-statements";
    }

    private static UUID id(String value, String field) {
        String text = AccountForm.text(value);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new FieldProblem(field, "choose one of the list")));
        }
    }

    private AccountView load(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }
}
