package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.LicenceTerms;
import io.cascade.accounts.api.Licences;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Privilege;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An account's licences on its page (ADR 0038): listed for whoever reads the account, granted, changed and revoked by
 * its vendor's staff with {@code Licences}, the same calls and checks as {@code /api/v1/accounts/{id}/licences}.
 */
@Controller
class LicencePagesController {
    private final Licences licences;

    LicencePagesController(Licences licences) {
        this.licences = licences;
    }

    /** Adds the account's licences (and whether the viewer may change them) to its page's model. */
    static void addLicences(Viewer viewer, AccountView account, Licences licences, Model model) {
        if (!viewer.caller().covers(account.path()) || !viewer.caller().has(Privilege.ACCOUNTS_READ)) {
            return;
        }
        model.addAttribute("licences", licences.list(viewer.caller(), account.id()));
        model.addAttribute("licenceManage", viewer.caller().has(Privilege.ACCOUNTS_MANAGE)
                && !viewer.isOwn(account.id()) && account.type() != AccountType.PROVIDER);
        model.addAttribute("features", java.util.Arrays.stream(Feature.values())
                .filter(f -> f.appliesTo(account.type())).toList());
    }

    @PostMapping("/panel/accounts/{accountId}/licences")
    String grant(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String feature,
                 @RequestParam(required = false) String seats, @RequestParam(required = false) String endsOn,
                 RedirectAttributes redirect) {
        List<FieldProblem> problems = new ArrayList<>();
        Feature chosen = null;
        Integer seatCount = null;
        LocalDate lastDay = null;
        try {
            chosen = Feature.valueOf(feature == null ? "" : feature.strip());
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("feature", "choose one of the features"));
        }
        try {
            seatCount = seats == null || seats.isBlank() ? null : Integer.valueOf(seats.strip());
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem("seats", "must be a whole number"));
        }
        try {
            lastDay = endsOn == null || endsOn.isBlank() ? null : LocalDate.parse(endsOn.strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem("endsOn", "must be a date (YYYY-MM-DD)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Licences.Granted granted = licences.grant(viewer.caller(), accountId, chosen,
                new LicenceTerms(seatCount, lastDay), null);
        redirect.addFlashAttribute("notice", (granted.created() ? "Granted " : "Changed ") + chosen + ".");
        return "redirect:/panel/accounts/" + accountId + "#licences";
    }

    @PostMapping("/panel/accounts/{accountId}/licences/{feature}/revoke")
    String revoke(Viewer viewer, @PathVariable UUID accountId, @PathVariable Feature feature,
                  RedirectAttributes redirect) {
        licences.revoke(viewer.caller(), accountId, feature, null);
        redirect.addFlashAttribute("notice", "Revoked " + feature + " from this account and everything below it.");
        return "redirect:/panel/accounts/" + accountId + "#licences";
    }
}
