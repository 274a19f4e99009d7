package io.cascade.panels.internal;

import io.cascade.identity.api.IssuedToken;
import io.cascade.identity.api.Logins;
import io.cascade.identity.api.TokenView;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.platform.api.Validation;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Problem;
import io.cascade.shared.RequestIds;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The signed-in user's own page: profile, password, API tokens. Always the user's own (home) identity, also while
 * acting on behalf of an account below. For a service user it is its whole panel: its mailbox and its password.
 */
@Controller
class ProfileController {
    private final Logins logins;
    private final Validation validation;
    private final Clock clock;
    private final io.cascade.mail.api.ServiceUsers serviceUsers;

    private final io.cascade.accounts.api.Licences licences;

    ProfileController(Logins logins, Validation validation, Clock clock, io.cascade.mail.api.ServiceUsers serviceUsers,
                      io.cascade.accounts.api.Licences licences) {
        this.licences = licences;
        this.serviceUsers = serviceUsers;
        this.logins = logins;
        this.validation = validation;
        this.clock = clock;
    }

    record PasswordForm(String currentPassword, String newPassword, String confirmPassword) {
    }

    /** A new API token; the limits are those of the REST API's sign-in request. */
    record TokenForm(@NotBlank @Size(max = 100) String name, @Min(1) @Max(8760) Integer expiresInHours,
                     String password) {
    }

    @GetMapping("/panel/profile")
    String profile(Viewer viewer, Model model) {
        model.addAttribute("me", logins.me(viewer.home()));
        model.addAttribute("mailbox", serviceUsers.own(viewer.caller()).orElse(null));
        model.addAttribute("errors", FormErrors.none());
        return "panel/profile";
    }

    @PostMapping("/panel/profile/password")
    String changePassword(Viewer viewer, PasswordForm form, Model model, HttpServletResponse response,
                          RedirectAttributes redirect) {
        FormErrors errors = new FormErrors(List.of("currentPassword", "newPassword", "confirmPassword"));
        response.setStatus(422);
        if (form.newPassword() == null || !form.newPassword().equals(form.confirmPassword())) {
            errors.add("confirmPassword", "does not match the new password");
        } else {
            try {
                logins.changePassword(viewer.home(), form.currentPassword() == null ? "" : form.currentPassword(),
                        form.newPassword());
                redirect.addFlashAttribute("notice", "Your password has been changed.");
                return "redirect:/panel/profile";
            } catch (InvalidInputException e) {
                errors.from(e);
            } catch (RuleViolationException e) {
                response.setStatus(ProblemStatuses.of(e).value());
                errors.from(e);
            }
        }
        model.addAttribute("me", logins.me(viewer.home()));
        model.addAttribute("mailbox", serviceUsers.own(viewer.caller()).orElse(null));
        model.addAttribute("errors", errors);
        return "panel/profile";
    }

    /** Ends every other session and token of the user; this session stays. */
    @PostMapping("/panel/profile/sign-out-everywhere")
    String signOutEverywhere(Viewer viewer, RedirectAttributes redirect) {
        int ended = logins.signOutEverywhere(viewer.home());
        redirect.addFlashAttribute("notice", "Signed out everywhere else (" + ended + " other "
                + (ended == 1 ? "session or token" : "sessions or tokens") + " ended).");
        return "redirect:/panel/profile";
    }

    @GetMapping("/panel/tokens")
    String tokens(Viewer viewer, Model model) {
        // API keys need the API_ACCESS licence of the user's own account (ADR 0038)
        licences.requireAt(viewer.homeAccount().path(), io.cascade.accounts.api.Feature.API_ACCESS);
        return tokensPage(viewer, model, new TokenForm(null, 720, null), FormErrors.none(), null);
    }

    /** Issues a named token with the user's password (the same sign-in as the API's); shown this once. */
    @PostMapping("/panel/tokens")
    String createToken(Viewer viewer, TokenForm form, HttpServletRequest request, HttpServletResponse response,
                       Model model) {
        FormErrors errors = new FormErrors(List.of("name", "expiresInHours", "password"));
        try {
            validation.check(form);
            if (form.password() == null || form.password().isEmpty()) {
                throw new InvalidInputException("password", "is required to issue a token");
            }
            IssuedToken issued = logins.signIn(new Logins.Credentials(viewer.home().email(), form.password(),
                            viewer.home().accountId(), form.name().strip(), form.expiresInHours()),
                    request.getRemoteAddr(), String.valueOf(request.getAttribute(RequestIds.ATTRIBUTE)));
            return tokensPage(viewer, model, new TokenForm(null, 720, null), FormErrors.none(), issued);
        } catch (InvalidInputException e) {
            response.setStatus(422);
            errors.from(e);
        } catch (RuleViolationException e) {
            response.setStatus(ProblemStatuses.of(e).value());
            if (e.problem() == Problem.INVALID_CREDENTIALS) {
                errors.add("password", "is wrong");
            } else {
                errors.from(e);
            }
        }
        return tokensPage(viewer, model, new TokenForm(form.name(), form.expiresInHours(), null), errors, null);
    }

    @PostMapping("/panel/tokens/{tokenId}/revoke")
    String revoke(Viewer viewer, @PathVariable UUID tokenId, RedirectAttributes redirect) {
        logins.revoke(viewer.home(), tokenId);
        redirect.addFlashAttribute("notice", "The token has been revoked.");
        return "redirect:/panel/tokens";
    }

    private String tokensPage(Viewer viewer, Model model, TokenForm form, FormErrors errors, IssuedToken issued) {
        Instant now = clock.instant();
        List<TokenRow> rows = logins.tokens(viewer.home(), viewer.home().userId()).stream()
                .sorted(Comparator.comparing(TokenView::createdAt).reversed())
                .map(t -> new TokenRow(t, t.revokedAt() != null ? "revoked" : t.expiresAt().isBefore(now) ? "expired"
                        : "active", t.id().equals(viewer.home().tokenId())))
                .toList();
        model.addAttribute("tokens", rows);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("issued", issued);
        return "panel/tokens";
    }

    /** A token as listed: its state, and whether it is the one of this panel session. */
    public record TokenRow(TokenView token, String state, boolean thisSession) {
    }
}
