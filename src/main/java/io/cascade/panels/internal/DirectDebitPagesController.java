package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.billing.api.Balances;
import io.cascade.billing.api.BalanceSummary;
import io.cascade.payments.api.CollectionItemView;
import io.cascade.payments.api.CollectionRequest;
import io.cascade.payments.api.CollectionReturnRequest;
import io.cascade.payments.api.CollectionRuns;
import io.cascade.payments.api.CollectionView;
import io.cascade.payments.api.DirectDebitReturnReason;
import io.cascade.payments.api.DirectDebitSettings;
import io.cascade.payments.api.MandateRequest;
import io.cascade.payments.api.MandateRevocation;
import io.cascade.payments.api.MandateView;
import io.cascade.payments.api.Mandates;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Privilege;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SEPA Direct Debit in the panel (issue 17, ADR 0030), through {@code Mandates} and {@code CollectionRuns}: the
 * issuer's page with its creditor identifier, its buyers' mandates (add, revoke) and its collection runs (start one);
 * a run's page with its items, its pain.008 file, the confirmation and a return per collected item; a buyer's own
 * mandates (revoke).
 */
@Controller
class DirectDebitPagesController {
    private static final List<String> MANDATE_FIELDS = List.of("buyerId", "reference", "signedOn", "debtorName",
            "iban", "bic");
    private static final List<String> SETTINGS_FIELDS = List.of("creditorId");
    private static final List<String> RUN_FIELDS = List.of("collectionDate");
    private static final List<String> RETURN_FIELDS = List.of("reason", "returnedOn");

    private final Mandates mandates;
    private final CollectionRuns runs;
    private final Balances balances;
    private final AccountManagement accounts;

    DirectDebitPagesController(Mandates mandates, CollectionRuns runs, Balances balances,
                               AccountManagement accounts) {
        this.mandates = mandates;
        this.runs = runs;
        this.balances = balances;
        this.accounts = accounts;
    }

    // ------------------------------------------------------------------------------------------ the issuer's page

    @GetMapping("/panel/accounts/{accountId}/direct-debit")
    String issuer(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) UUID buyerId,
                  Model model) {
        return page(viewer, model, accountId, buyerId, new FormErrors(SETTINGS_FIELDS),
                new FormErrors(MANDATE_FIELDS), new FormErrors(RUN_FIELDS), Map.of());
    }

    @PostMapping("/panel/accounts/{accountId}/direct-debit/settings")
    String settings(Viewer viewer, @PathVariable UUID accountId, @RequestParam Map<String, String> params,
                    Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            DirectDebitSettings saved = mandates.updateSettings(viewer.caller(), accountId,
                    new DirectDebitSettings(AccountForm.text(params.get("creditorId"))));
            redirect.addFlashAttribute("notice", saved.creditorId() == null ? "Removed the creditor identifier."
                    : "Saved the creditor identifier " + saved.creditorId() + ".");
            return "redirect:/panel/accounts/" + accountId + "/direct-debit";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(status(e));
            return page(viewer, model, accountId, null, new FormErrors(SETTINGS_FIELDS).from(e),
                    new FormErrors(MANDATE_FIELDS), new FormErrors(RUN_FIELDS), params);
        }
    }

    @PostMapping("/panel/accounts/{accountId}/mandates")
    String addMandate(Viewer viewer, @PathVariable UUID accountId, @RequestParam Map<String, String> params,
                      Model model, HttpServletResponse response, RedirectAttributes redirect) {
        UUID buyerId = null;
        try {
            buyerId = uuid(params.get("buyerId"), "buyerId");
            MandateView mandate = mandates.create(viewer.caller(), accountId, new MandateRequest(buyerId,
                    AccountForm.text(params.get("reference")), day(params.get("signedOn"), "signedOn"),
                    AccountForm.text(params.get("debtorName")), AccountForm.text(params.get("iban")),
                    AccountForm.text(params.get("bic"))));
            redirect.addFlashAttribute("notice", "Recorded the mandate " + mandate.reference() + ".");
            return "redirect:/panel/accounts/" + accountId + "/direct-debit?buyerId=" + buyerId;
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(status(e));
            return page(viewer, model, accountId, buyerId, new FormErrors(SETTINGS_FIELDS),
                    new FormErrors(MANDATE_FIELDS).from(e), new FormErrors(RUN_FIELDS), params);
        }
    }

    @PostMapping("/panel/mandates/{mandateId}/revoke")
    String revoke(Viewer viewer, @PathVariable UUID mandateId, @RequestParam Map<String, String> params,
                  RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        MandateView mandate = mandates.get(caller, mandateId);
        boolean issuerSide = !"buyer".equals(params.get("side"));
        try {
            mandates.revoke(caller, mandateId, new MandateRevocation(AccountForm.text(params.get("reason"))));
            redirect.addFlashAttribute("notice", "Revoked the mandate " + mandate.reference() + ".");
        } catch (InvalidInputException | RuleViolationException e) {
            redirect.addFlashAttribute("notice", "Not revoked: " + e.getMessage());
        }
        return issuerSide ? "redirect:/panel/accounts/" + mandate.issuerAccountId() + "/direct-debit?buyerId="
                + mandate.buyerAccountId() : "redirect:/panel/accounts/" + mandate.buyerAccountId() + "/mandates";
    }

    @PostMapping("/panel/accounts/{accountId}/collections")
    String startRun(Viewer viewer, @PathVariable UUID accountId, @RequestParam Map<String, String> params,
                    Model model, HttpServletResponse response) {
        try {
            LocalDate date = day(params.get("collectionDate"), "collectionDate");
            if (date == null) {
                throw new InvalidInputException("collectionDate", "is required");
            }
            CollectionView run = runs.start(viewer.caller(), accountId, new CollectionRequest(date));
            return "redirect:/panel/collections/" + run.id();
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(status(e));
            return page(viewer, model, accountId, null, new FormErrors(SETTINGS_FIELDS),
                    new FormErrors(MANDATE_FIELDS), new FormErrors(RUN_FIELDS).from(e), params);
        }
    }

    private String page(Viewer viewer, Model model, UUID accountId, UUID buyerId, FormErrors settingsErrors,
                        FormErrors mandateErrors, FormErrors runErrors, Map<String, String> typed) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, accountId);
        Map<UUID, String> buyers = new LinkedHashMap<>();
        for (BalanceSummary b : balances.balances(caller, accountId, "ISSUER")) {
            buyers.putIfAbsent(b.buyerAccountId(), b.buyerName());
        }
        if (buyerId != null && !buyers.containsKey(buyerId)) {
            buyers.put(buyerId, load(caller, buyerId).companyName());
        }
        model.addAttribute("account", account);
        model.addAttribute("settings", mandates.settings(caller, accountId));
        model.addAttribute("mandates", mandates.list(caller, accountId, "ISSUER", buyerId, null, 500, null).items());
        model.addAttribute("buyers", buyers);
        model.addAttribute("buyerId", buyerId);
        model.addAttribute("runs", runs.list(caller, accountId, 50, null).items());
        model.addAttribute("canManage", caller.has(Privilege.BILLING_MANAGE));
        model.addAttribute("settingsErrors", settingsErrors);
        model.addAttribute("mandateErrors", mandateErrors);
        model.addAttribute("runErrors", runErrors);
        model.addAttribute("typed", typed);
        model.addAttribute("tab", "invoices");
        return "panel/direct-debit";
    }

    // ------------------------------------------------------------------------------------------ the buyer's page

    @GetMapping("/panel/accounts/{accountId}/mandates")
    String buyer(Viewer viewer, @PathVariable UUID accountId, Model model) {
        Caller caller = viewer.caller();
        model.addAttribute("account", load(caller, accountId));
        model.addAttribute("mandates", mandates.list(caller, accountId, "BUYER", null, null, 500, null).items());
        model.addAttribute("canManage", caller.has(Privilege.BILLING_MANAGE));
        model.addAttribute("tab", "invoices");
        return "panel/mandates";
    }

    // ------------------------------------------------------------------------------------------------- a run

    @GetMapping("/panel/collections/{collectionId}")
    String run(Viewer viewer, @PathVariable UUID collectionId, Model model) {
        return runPage(viewer, model, collectionId, new FormErrors(RETURN_FIELDS), null);
    }

    @GetMapping("/panel/collections/{collectionId}/file")
    ResponseEntity<byte[]> file(Viewer viewer, @PathVariable UUID collectionId) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"pain.008-" + collectionId + ".xml\"")
                .body(runs.file(viewer.caller(), collectionId).getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/panel/collections/{collectionId}/confirm")
    String confirm(Viewer viewer, @PathVariable UUID collectionId, RedirectAttributes redirect) {
        try {
            CollectionView run = runs.confirm(viewer.caller(), collectionId);
            redirect.addFlashAttribute("notice", "Confirmed: " + run.itemCount() + " payments recorded, "
                    + run.controlSum().amount().toPlainString() + " " + run.controlSum().currency() + ".");
        } catch (RuleViolationException e) {
            redirect.addFlashAttribute("notice", "Not confirmed: " + e.getMessage());
        }
        return "redirect:/panel/collections/" + collectionId;
    }

    @PostMapping("/panel/collections/{collectionId}/items/{itemId}/return")
    String returnItem(Viewer viewer, @PathVariable UUID collectionId, @PathVariable UUID itemId,
                      @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
                      RedirectAttributes redirect) {
        try {
            String code = AccountForm.text(params.get("reason"));
            DirectDebitReturnReason reason;
            try {
                reason = code == null ? null : DirectDebitReturnReason.valueOf(code);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("reason", "must be one of the listed codes");
            }
            if (reason == null) {
                throw new InvalidInputException("reason", "is required");
            }
            CollectionItemView item = runs.returnItem(viewer.caller(), collectionId, itemId,
                    new CollectionReturnRequest(reason, day(params.get("returnedOn"), "returnedOn")));
            redirect.addFlashAttribute("notice", "Recorded the return of " + item.invoiceNumber() + " ("
                    + reason.name() + "); the invoice is open again.");
            return "redirect:/panel/collections/" + collectionId;
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(status(e));
            return runPage(viewer, model, collectionId, new FormErrors(RETURN_FIELDS).from(e), itemId);
        }
    }

    private String runPage(Viewer viewer, Model model, UUID collectionId, FormErrors returnErrors, UUID failedItem) {
        Caller caller = viewer.caller();
        CollectionView run = runs.get(caller, collectionId);
        model.addAttribute("account", load(caller, run.issuerAccountId()));
        model.addAttribute("run", run);
        model.addAttribute("reasons", DirectDebitReturnReason.values());
        model.addAttribute("canManage", caller.has(Privilege.BILLING_MANAGE));
        model.addAttribute("returnErrors", returnErrors);
        model.addAttribute("failedItem", failedItem);
        model.addAttribute("tab", "invoices");
        return "panel/collection";
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static LocalDate day(String value, String field) {
        String text = AccountForm.text(value);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date, e.g. 2026-12-01");
        }
    }

    private static UUID uuid(String value, String field) {
        String text = AccountForm.text(value);
        try {
            if (text == null) {
                throw new InvalidInputException(field, "is required");
            }
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be chosen from the list");
        }
    }

    private static int status(RuntimeException e) {
        return e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422;
    }

    private AccountView load(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }
}
