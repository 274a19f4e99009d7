package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.identity.api.NewRole;
import io.cascade.identity.api.NewUser;
import io.cascade.identity.api.RoleView;
import io.cascade.identity.api.StaffManagement;
import io.cascade.identity.api.UserUpdate;
import io.cascade.identity.api.UserView;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The staff members and roles of an account, through {@code StaffManagement}: list, create, enable and disable. */
@Controller
class StaffController {
    private final StaffManagement staff;
    private final AccountManagement accounts;

    StaffController(StaffManagement staff, AccountManagement accounts) {
        this.staff = staff;
        this.accounts = accounts;
    }

    record UserForm(String email, String name, String password, List<String> roles) {
    }

    record RoleForm(String code, String name, List<String> privileges) {
    }

    @GetMapping("/panel/accounts/{accountId}/users")
    String users(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String cursor,
                 Model model) {
        return page(viewer, accountId, cursor, model, new UserForm(null, null, null, List.of("READ_ONLY")),
                userErrors(), new RoleForm(null, null, List.of()), roleErrors());
    }

    @PostMapping("/panel/accounts/{accountId}/users")
    String createUser(Viewer viewer, @PathVariable UUID accountId, UserForm form, Model model,
                      HttpServletResponse response, RedirectAttributes redirect) {
        FormErrors errors = userErrors();
        try {
            UserView created = staff.create(viewer.caller(), accountId, new NewUser(AccountForm.text(form.email()),
                    AccountForm.text(form.name()), AccountForm.text(form.password()), form.roles()));
            if (created.invitationToken() != null) {
                model.addAttribute("invited", created); // shown on this answer only, never kept in the session
            } else {
                redirect.addFlashAttribute("notice", "Created the user " + created.email() + ".");
                return "redirect:/panel/accounts/" + accountId + "/users";
            }
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
            form = new UserForm(form.email(), form.name(), null, form.roles());
        }
        return page(viewer, accountId, null, model, errors.isEmpty() ? new UserForm(null, null, null,
                List.of("READ_ONLY")) : form, errors, new RoleForm(null, null, List.of()), roleErrors());
    }

    /** Enables or disables a user ({@code status} ACTIVE or DISABLED), guarded by the version the page showed. */
    @PostMapping("/panel/users/{userId}/status")
    String setStatus(Viewer viewer, @PathVariable UUID userId, @RequestParam String status,
                     @RequestParam(required = false) Long version, RedirectAttributes redirect) {
        UserView changed = staff.update(viewer.caller(), userId, version == null ? null : Etags.of(version),
                user -> new UserUpdate(user.name(), status, user.roles()));
        redirect.addFlashAttribute("notice", changed.email() + " is now " + changed.status() + ".");
        return "redirect:/panel/accounts/" + changed.accountId() + "/users";
    }

    @PostMapping("/panel/accounts/{accountId}/roles")
    String createRole(Viewer viewer, @PathVariable UUID accountId, RoleForm form, Model model,
                      HttpServletResponse response, RedirectAttributes redirect) {
        FormErrors errors = roleErrors();
        try {
            Set<Privilege> privileges = form.privileges() == null ? Set.of() : form.privileges().stream()
                    .map(Privilege::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Privilege.class)));
            RoleView role = staff.createRole(viewer.caller(), accountId, new NewRole(AccountForm.text(form.code()),
                    AccountForm.text(form.name()), privileges));
            redirect.addFlashAttribute("notice", "Created the role " + role.code() + ".");
            return "redirect:/panel/accounts/" + accountId + "/users";
        } catch (IllegalArgumentException e) {
            response.setStatus(422);
            errors.add("privileges", "holds an unknown privilege");
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        }
        return page(viewer, accountId, null, model, new UserForm(null, null, null, List.of("READ_ONLY")),
                userErrors(), form, errors);
    }

    private String page(Viewer viewer, UUID accountId, String cursor, Model model, UserForm userForm,
                        FormErrors userErrors, RoleForm roleForm, FormErrors roleErrors) {
        Caller caller = viewer.caller();
        AccountView account = accountId.equals(caller.accountId()) ? accounts.own(caller)
                : accounts.get(caller, accountId);
        Page<UserView> users = staff.users(caller, accountId, 25, cursor);
        List<RoleView> roles = staff.roles(caller, accountId);
        model.addAttribute("account", account);
        model.addAttribute("users", users);
        model.addAttribute("cursor", cursor);
        model.addAttribute("roles", roles);
        model.addAttribute("userForm", userForm);
        model.addAttribute("userErrors", userErrors);
        model.addAttribute("roleForm", roleForm);
        model.addAttribute("roleErrors", roleErrors);
        model.addAttribute("privileges", Arrays.stream(Privilege.values()).filter(caller::has).toList());
        model.addAttribute("tab", "users");
        return "panel/users";
    }

    private static FormErrors userErrors() {
        return new FormErrors(List.of("email", "name", "password", "roles"));
    }

    private static FormErrors roleErrors() {
        return new FormErrors(List.of("code", "name", "privileges"));
    }
}
