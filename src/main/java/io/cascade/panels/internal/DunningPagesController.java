package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.dunning.api.DunningAction;
import io.cascade.dunning.api.DunningPolicies;
import io.cascade.dunning.api.DunningPolicy;
import io.cascade.dunning.api.DunningStates;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An issuer's dunning (issue 17): its policy as a form of steps — the same {@code DunningPolicies} call as
 * {@code PUT /api/v1/accounts/{id}/dunning-policy}, with the version the form showed — and its buyers in dunning.
 */
@Controller
class DunningPagesController {
    /** Rows of the step form: the policy's steps, then empty ones up to this many. */
    private static final int ROWS = 8;

    private final DunningPolicies policies;
    private final DunningStates states;
    private final AccountManagement accounts;

    DunningPagesController(DunningPolicies policies, DunningStates states, AccountManagement accounts) {
        this.policies = policies;
        this.states = states;
        this.accounts = accounts;
    }

    /** A step row as the form shows it. */
    record StepRow(String days, String action, String minimum, String feeAmount, String feePercent) {
    }

    @GetMapping("/panel/accounts/{accountId}/dunning")
    String page(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String cursor,
                Model model) {
        Caller caller = viewer.caller();
        AccountView account = accountId.equals(caller.accountId()) ? accounts.own(caller)
                : accounts.get(caller, accountId);
        DunningPolicies.Versioned current = policies.get(caller, accountId);
        List<StepRow> rows = new ArrayList<>();
        for (DunningPolicy.Step s : current.policy().steps()) {
            rows.add(new StepRow(s.daysOverdue().toString(), s.action().name(), plain(s.minimumAmount()),
                    s.lateFee() == null ? null : plain(s.lateFee().amount()),
                    s.lateFee() == null ? null : plain(s.lateFee().percent())));
        }
        while (rows.size() < Math.max(ROWS, current.policy().steps().size() + 2)) {
            rows.add(new StepRow(null, null, null, null, null));
        }
        model.addAttribute("account", account);
        model.addAttribute("policy", current.policy());
        model.addAttribute("version", Etags.of(current.version()));
        model.addAttribute("rows", rows);
        model.addAttribute("actions", DunningAction.values());
        model.addAttribute("buyers", states.inDunning(caller, accountId, 50, cursor));
        model.addAttribute("tab", "invoices");
        return "panel/dunning";
    }

    @PostMapping("/panel/accounts/{accountId}/dunning/policy")
    String save(Viewer viewer, @PathVariable UUID accountId, @RequestParam Map<String, String> params,
                RedirectAttributes redirect) {
        List<FieldProblem> problems = new ArrayList<>();
        List<DunningPolicy.Step> steps = new ArrayList<>();
        for (int i = 0; params.containsKey("steps[" + i + "].days"); i++) {
            String days = text(params.get("steps[" + i + "].days"));
            String action = text(params.get("steps[" + i + "].action"));
            if (days == null && action == null) {
                continue;
            }
            String field = "steps[" + steps.size() + "]";
            Integer parsedDays = number(days, field + ".daysOverdue", problems);
            DunningAction parsedAction = null;
            try {
                parsedAction = action == null ? null : DunningAction.valueOf(action);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(field + ".action", "is not a step"));
            }
            BigDecimal minimum = decimal(params.get("steps[" + i + "].minimum"), field + ".minimumAmount", problems);
            BigDecimal feeAmount = decimal(params.get("steps[" + i + "].feeAmount"), field + ".lateFee.amount",
                    problems);
            BigDecimal feePercent = decimal(params.get("steps[" + i + "].feePercent"), field + ".lateFee.percent",
                    problems);
            steps.add(new DunningPolicy.Step(parsedDays, parsedAction, minimum, List.of(),
                    feeAmount == null && feePercent == null ? null : new DunningPolicy.LateFee(feeAmount, feePercent)));
        }
        Integer grace = number(text(params.get("customerGraceDays")), "customerGraceDays", problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        policies.replace(viewer.caller(), accountId, params.get("version"), new DunningPolicy(steps, grace, null));
        redirect.addFlashAttribute("notice", "The dunning policy is saved.");
        return "redirect:/panel/accounts/" + accountId + "/dunning";
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Integer number(String value, String field, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "must be a whole number of days"));
            return null;
        }
    }

    private static BigDecimal decimal(String value, String field, List<FieldProblem> problems) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "must be a decimal number, e.g. 5.00"));
            return null;
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }
}
