package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.mail.api.MailboxSettings;
import io.cascade.mail.api.MailboxState;
import io.cascade.mail.api.NewServiceUser;
import io.cascade.mail.api.PasswordResetView;
import io.cascade.mail.api.ServiceUserPassword;
import io.cascade.mail.api.ServiceUserView;
import io.cascade.mail.api.ServiceUsers;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Page;
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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's service users and their mailboxes, through {@code mail.ServiceUsers} (the same service as
 * {@code /api/v1/accounts/{id}/service-users}): list them page by page, create one with its mailbox, set or generate
 * a new password, suspend and resume one, remove one. For the customer's administrators and for staff above acting on its behalf.
 */
@Controller
class ServiceUserPagesController {
    static final int PAGE = 25;
    static final int DEFAULT_QUOTA_MB = 2048;

    private final ServiceUsers serviceUsers;
    private final AccountManagement accounts;

    ServiceUserPagesController(ServiceUsers serviceUsers, AccountManagement accounts) {
        this.serviceUsers = serviceUsers;
        this.accounts = accounts;
    }

    record ServiceUserForm(String name, String email, String password, String mailboxQuotaMb) {
    }

    @GetMapping("/panel/accounts/{accountId}/service-users")
    String list(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String cursor,
                Model model) {
        return listPage(viewer, accountId, cursor, model,
                new ServiceUserForm(null, null, null, String.valueOf(DEFAULT_QUOTA_MB)), errors());
    }

    @PostMapping("/panel/accounts/{accountId}/service-users")
    String create(Viewer viewer, @PathVariable UUID accountId, ServiceUserForm form, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        FormErrors errors = errors();
        try {
            Integer quota = quota(form.mailboxQuotaMb());
            ServiceUserView created = serviceUsers.create(viewer.caller(), accountId, new NewServiceUser(
                    AccountForm.text(form.name()), AccountForm.text(form.email()), AccountForm.text(form.password()),
                    quota));
            if (created.invitationToken() == null) {
                redirect.addFlashAttribute("notice", "Created the mailbox " + created.mailbox().address() + ".");
                return "redirect:/panel/accounts/" + accountId + "/service-users";
            }
            model.addAttribute("invited", created); // shown on this answer only, never kept in the session
            form = new ServiceUserForm(null, null, null, String.valueOf(DEFAULT_QUOTA_MB));
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
            form = new ServiceUserForm(form.name(), form.email(), null, form.mailboxQuotaMb());
        }
        return listPage(viewer, accountId, null, model, form, errors);
    }

    @GetMapping("/panel/service-users/{serviceUserId}")
    String serviceUser(Viewer viewer, @PathVariable UUID serviceUserId, Model model) {
        return detailPage(viewer, serviceUsers.get(viewer.caller(), serviceUserId), model, errors());
    }

    /** Sets the typed password, or generates one and shows it on this answer only. */
    @PostMapping("/panel/service-users/{serviceUserId}/password")
    String resetPassword(Viewer viewer, @PathVariable UUID serviceUserId,
                         @RequestParam(required = false) String password, Model model,
                         HttpServletResponse response, RedirectAttributes redirect) {
        FormErrors errors = errors();
        try {
            PasswordResetView reset = serviceUsers.resetPassword(viewer.caller(), serviceUserId,
                    new ServiceUserPassword(AccountForm.text(password)));
            if (reset.generatedPassword() == null) {
                redirect.addFlashAttribute("notice", "The password of " + reset.email() + " is set.");
                return "redirect:/panel/service-users/" + serviceUserId;
            }
            model.addAttribute("reset", reset);
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return detailPage(viewer, serviceUsers.get(viewer.caller(), serviceUserId), model, errors);
    }

    /** What the mailbox form holds: aliases and forwarding targets one per line. */
    record MailboxForm(String quotaMb, String aliases, String forwardTo, String keepCopy, String version) {
    }

    /** Saves a mailbox's quota, aliases and forwarding, guarded by the version the page showed. */
    @PostMapping("/panel/service-users/{serviceUserId}/mailbox")
    String changeMailbox(Viewer viewer, @PathVariable UUID serviceUserId, MailboxForm form, Model model,
                         HttpServletResponse response, RedirectAttributes redirect) {
        FormErrors errors = mailboxErrors();
        try {
            String version = AccountForm.text(form.version());
            Integer quota = quota(form.quotaMb(), "quotaMb");
            ServiceUserView changed = serviceUsers.changeMailbox(viewer.caller(), serviceUserId,
                    version == null ? null : Etags.of(Long.parseLong(version)),
                    current -> new MailboxSettings(quota, lines(form.aliases()), lines(form.forwardTo()),
                            form.keepCopy() != null));
            redirect.addFlashAttribute("notice", "Saved the mailbox " + changed.mailbox().address()
                    + "; the mail server follows in a moment.");
            return "redirect:/panel/service-users/" + serviceUserId;
        } catch (NumberFormatException e) {
            response.setStatus(400);
            errors.general("The page is out of date; open it again.");
        } catch (PreconditionFailedException e) {
            response.setStatus(412);
            errors.general("The mailbox was changed meanwhile; open it again to see the change.");
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            List<FieldProblem> problems = e instanceof InvalidInputException invalid ? invalid.problems()
                    : ((RuleViolationException) e).properties().get("errors") instanceof List<?> list
                    ? list.stream().filter(FieldProblem.class::isInstance).map(FieldProblem.class::cast).toList()
                    : List.of();
            if (problems.isEmpty()) {
                errors.general(e.getMessage());
            }
            for (FieldProblem problem : problems) {
                Matcher line = LINE.matcher(problem.field());
                if (line.lookingAt()) {
                    errors.add(line.group(1), "line " + (Integer.parseInt(line.group(2)) + 1) + " "
                            + problem.message());
                } else {
                    errors.add(problem);
                }
            }
        }
        model.addAttribute("mailboxForm", form);
        model.addAttribute("mailboxErrors", errors);
        return detailPage(viewer, serviceUsers.get(viewer.caller(), serviceUserId), model, errors());
    }

    private static final Pattern LINE = Pattern.compile("(aliases|forwardTo)\\[(\\d+)]");

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static FormErrors mailboxErrors() {
        return new FormErrors(List.of("quotaMb", "aliases", "forwardTo", "keepCopy"));
    }

    @PostMapping("/panel/service-users/{serviceUserId}/{action:suspend|resume}")
    String status(Viewer viewer, @PathVariable UUID serviceUserId, @PathVariable String action,
                  RedirectAttributes redirect) {
        ServiceUserView after = "suspend".equals(action) ? serviceUsers.suspend(viewer.caller(), serviceUserId)
                : serviceUsers.resume(viewer.caller(), serviceUserId);
        redirect.addFlashAttribute("notice", after.email() + (after.suspended() ? " is suspended." : " is active again."));
        return "redirect:/panel/service-users/" + serviceUserId;
    }

    @PostMapping("/panel/service-users/{serviceUserId}/remove")
    String remove(Viewer viewer, @PathVariable UUID serviceUserId, RedirectAttributes redirect) {
        ServiceUserView removed = serviceUsers.remove(viewer.caller(), serviceUserId);
        redirect.addFlashAttribute("notice", "Removed the mailbox " + removed.mailbox().address() + ".");
        return "redirect:/panel/accounts/" + removed.accountId() + "/service-users";
    }

    private String listPage(Viewer viewer, UUID accountId, String cursor, Model model, ServiceUserForm form,
                            FormErrors errors) {
        Caller caller = viewer.caller();
        Page<ServiceUserView> page = serviceUsers.list(caller, accountId, PAGE, cursor);
        model.addAttribute("account", account(caller, accountId));
        model.addAttribute("serviceUsers", page);
        model.addAttribute("cursor", cursor);
        model.addAttribute("mailSubscription", serviceUsers.mailSubscription(caller, accountId).orElse(null));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "service-users");
        return "panel/service-users";
    }

    private String detailPage(Viewer viewer, ServiceUserView user, Model model, FormErrors errors) {
        model.addAttribute("account", account(viewer.caller(), user.accountId()));
        model.addAttribute("u", user);
        model.addAttribute("removed", user.removed() || user.mailbox().state() == MailboxState.REMOVED);
        if (!model.containsAttribute("mailboxForm")) {
            model.addAttribute("mailboxForm", new MailboxForm(String.valueOf(user.mailbox().quotaMb()),
                    String.join("\n", user.mailbox().aliases()), String.join("\n", user.mailbox().forwardTo()),
                    user.mailbox().keepCopy() ? "true" : null, String.valueOf(user.version())));
            model.addAttribute("mailboxErrors", mailboxErrors());
        }
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "service-users");
        return "panel/service-user";
    }

    private AccountView account(Caller caller, UUID accountId) {
        return accountId.equals(caller.accountId()) ? accounts.own(caller) : accounts.get(caller, accountId);
    }

    /** The quota as typed: empty is left to the service (which requires it), anything else must be a number. */
    private static Integer quota(String typed) {
        return quota(typed, "mailboxQuotaMb");
    }

    private static Integer quota(String typed, String field) {
        String text = AccountForm.text(typed);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number of MB");
        }
    }

    private static FormErrors errors() {
        return new FormErrors(List.of("name", "email", "password", "mailboxQuotaMb"));
    }
}
