package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.provisioning.api.ProvisioningTaskView;
import io.cascade.provisioning.api.ProvisioningTasks;
import io.cascade.provisioning.api.TaskStatus;
import io.cascade.shared.Caller;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.Page;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletRequest;
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
 * Provisioning tasks through {@code ProvisioningTasks}: an account's tasks (a tab of the account page), the FAILED
 * tasks of the viewer's whole subtree, and retrying a task (htmx swaps the task's row in place; without JavaScript
 * the page reloads). The service decides who may read and retry, and audits each retry.
 */
@Controller
class ProvisioningPagesController {
    static final int PAGE = 25;

    private final ProvisioningTasks tasks;
    private final AccountManagement accounts;
    private final TaskNames taskNames;

    ProvisioningPagesController(ProvisioningTasks tasks, AccountManagement accounts, TaskNames taskNames) {
        this.tasks = tasks;
        this.accounts = accounts;
        this.taskNames = taskNames;
    }

    @GetMapping("/panel/accounts/{accountId}/provisioning")
    String ofAccount(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String status,
                     @RequestParam(required = false) String cursor, Model model) {
        Caller caller = viewer.caller();
        AccountView account = load(caller, accountId);
        TaskStatus chosen = null;
        for (TaskStatus s : TaskStatus.values()) {
            if (s.name().equals(status)) {
                chosen = s;
            }
        }
        Page<ProvisioningTaskView> page = tasks.list(caller, accountId, chosen, null, PAGE, cursor);
        model.addAttribute("account", account);
        model.addAttribute("tasks", page);
        model.addAttribute("status", chosen);
        model.addAttribute("statuses", TaskStatus.values());
        model.addAttribute("cursor", cursor);
        model.addAttribute("names", Map.of(account.id(), account.companyName()));
        model.addAttribute("services", taskNames.services(caller));
        model.addAttribute("back", "/panel/accounts/" + accountId + "/provisioning");
        model.addAttribute("tab", "provisioning");
        return "panel/provisioning";
    }

    @GetMapping("/panel/provisioning/failures")
    String failures(Viewer viewer, @RequestParam(required = false) String cursor, Model model) {
        Caller caller = viewer.caller();
        Page<ProvisioningTaskView> page = tasks.failedInSubtree(caller, PAGE, cursor);
        model.addAttribute("tasks", page);
        model.addAttribute("cursor", cursor);
        model.addAttribute("names", taskNames.accounts(caller, page.items()));
        model.addAttribute("services", taskNames.services(caller));
        model.addAttribute("back", "/panel/provisioning/failures");
        return "panel/provisioning-failures";
    }

    @PostMapping("/panel/provisioning-tasks/{taskId}/retry")
    String retry(Viewer viewer, @PathVariable UUID taskId, @RequestParam(required = false) String back, Model model,
                 HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        ProvisioningTaskView task;
        String refusal = null;
        try {
            task = tasks.retry(caller, taskId);
        } catch (RuleViolationException | ForbiddenException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 403);
            refusal = e.getMessage();
            task = tasks.get(caller, taskId);
        }
        if (Htmx.wantsFragment(request)) {
            model.addAttribute("t", task);
            model.addAttribute("refusal", refusal);
            model.addAttribute("names", taskNames.accounts(caller, List.of(task)));
            model.addAttribute("services", taskNames.services(caller));
            model.addAttribute("showAccount", !back(back).startsWith("/panel/accounts/"));
            model.addAttribute("back", back(back));
            return "panel/provisioning-parts :: row";
        }
        redirect.addFlashAttribute("notice", refusal != null ? refusal
                : "The task will run again shortly (" + task.operation() + ", now " + task.status() + ").");
        return "redirect:" + back(back);
    }

    /** The vendor's staff mark a task left to them (a manual service's stop or start) as done. */
    @PostMapping("/panel/provisioning-tasks/{taskId}/complete")
    String complete(Viewer viewer, @PathVariable UUID taskId, @RequestParam(required = false) String back,
                    RedirectAttributes redirect) {
        String notice;
        try {
            ProvisioningTaskView task = tasks.complete(viewer.caller(), taskId);
            notice = "Marked done (" + task.operation() + ").";
        } catch (RuleViolationException | ForbiddenException e) {
            notice = e.getMessage();
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:" + back(back);
    }

    /** Where to go after a retry: the page it came from (a panel path only). */
    private static String back(String back) {
        return SignInController.safeNext(back);
    }

    private AccountView load(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }
}
