package io.cascade.panels.internal;

import io.cascade.identity.api.Logins;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.RequestIds;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Optional;

/**
 * The pages a person reaches without being signed in, from a link in a mail: accepting an invitation (set the first
 * password; the user becomes ACTIVE, a pending account too) and a forgotten password (ask for a link by e-mail, then
 * set a new password with it). They call the same {@code Logins} operations as the REST API. A link that no longer
 * works says so (410) and what to do instead; the token travels in the form, never in the session.
 */
@Controller
class PasswordPagesController {
    static final String INVITATION = "/panel/invitation";
    static final String FORGOT = "/panel/forgot-password";
    static final String RESET = "/panel/password-reset";

    private final Logins logins;
    private final SignInHosts hosts;

    PasswordPagesController(Logins logins, SignInHosts hosts) {
        this.logins = logins;
        this.hosts = hosts;
    }

    /** The new password, twice, with the token of the link. */
    record SetPasswordForm(String token, String password, String confirmPassword) {
    }

    record ForgotForm(String email) {
    }

    /** What the shared set-password page shows: an invitation's, or a password reset's. */
    record Purpose(String action, String title, String intro, String button, String expired) {
    }

    private static final Purpose INVITED = new Purpose(INVITATION, "Welcome",
            "Choose your password to activate your login.", "Set password and activate",
            "This invitation link is used or expired. Ask whoever invited you to invite you again.");
    private static final Purpose RESETTING = new Purpose(RESET, "Choose a new password",
            "Choose a new password. Setting it signs you out everywhere you are signed in.", "Set new password",
            "This link to reset your password is used or expired. Ask for a new one.");

    @GetMapping(INVITATION)
    String invitation(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        return setPasswordPage(INVITED, token, logins.invitation(token), FormErrors.none(), model, response);
    }

    @PostMapping(INVITATION)
    String acceptInvitation(SetPasswordForm form, HttpServletRequest request, HttpServletResponse response,
                            Model model) {
        return setPassword(INVITED, form, logins.invitation(form.token()), request, response, model,
                () -> logins.acceptInvitation(form.token(), form.password(), requestId(request)),
                "redirect:/login?activated");
    }

    @GetMapping(FORGOT)
    String forgotForm(Model model) {
        model.addAttribute("form", new ForgotForm(null));
        model.addAttribute("errors", FormErrors.none());
        return "panel/forgot-password";
    }

    /** The same answer for every e-mail, known or not; only a malformed e-mail or a throttled client is told so. */
    @PostMapping(FORGOT)
    String requestReset(ForgotForm form, HttpServletRequest request, HttpServletResponse response, Model model) {
        String email = AccountForm.text(form.email());
        FormErrors errors = new FormErrors(List.of("email"));
        model.addAttribute("form", new ForgotForm(email));
        model.addAttribute("errors", errors);
        if (email == null) {
            errors.add("email", "is required");
        } else if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+")) {
            errors.add("email", "is not an e-mail address");
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            return "panel/forgot-password";
        }
        try {
            logins.requestPasswordReset(email, hosts.subtree(request), request.getRemoteAddr(), requestId(request));
        } catch (RuleViolationException e) {
            response.setStatus(ProblemStatuses.of(e).value());
            errors.general(e.getMessage());
            return "panel/forgot-password";
        }
        model.addAttribute("sent", email);
        return "panel/forgot-password";
    }

    @GetMapping(RESET)
    String resetForm(@RequestParam(required = false) String token, Model model, HttpServletRequest request,
                     HttpServletResponse response) {
        return setPasswordPage(RESETTING, token, logins.passwordReset(token, hosts.subtree(request)), FormErrors.none(),
                model, response);
    }

    @PostMapping(RESET)
    String completeReset(SetPasswordForm form, HttpServletRequest request, HttpServletResponse response,
                         Model model) {
        String subtree = hosts.subtree(request);
        return setPassword(RESETTING, form, logins.passwordReset(form.token(), subtree), request, response, model,
                () -> logins.completePasswordReset(form.token(), subtree, form.password(), requestId(request)),
                "redirect:/login?passwordReset");
    }

    private String setPassword(Purpose purpose, SetPasswordForm form, Optional<Logins.LinkHolder> holder,
                               HttpServletRequest request, HttpServletResponse response, Model model, Runnable set,
                               String done) {
        FormErrors errors = new FormErrors(List.of("password", "confirmPassword"));
        if (holder.isPresent()) {
            if (form.password() == null || form.password().isEmpty()) {
                errors.add("password", "is required");
            } else if (!form.password().equals(form.confirmPassword())) {
                errors.add("confirmPassword", "does not match the password");
            } else {
                try {
                    set.run();
                    return done;
                } catch (InvalidInputException e) {
                    if (e.problems().stream().anyMatch(p -> "token".equals(p.field()))) {
                        holder = Optional.empty(); // used or expired meanwhile
                    } else {
                        errors.from(e);
                    }
                }
            }
            response.setStatus(422);
        }
        return setPasswordPage(purpose, form.token(), holder, errors, model, response);
    }

    private static String setPasswordPage(Purpose purpose, String token, Optional<Logins.LinkHolder> holder,
                                          FormErrors errors, Model model, HttpServletResponse response) {
        if (holder.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_GONE);
        }
        model.addAttribute("purpose", purpose);
        model.addAttribute("holder", holder.orElse(null));
        model.addAttribute("token", holder.isPresent() ? token : null);
        model.addAttribute("errors", errors);
        return "panel/set-password";
    }

    private static String requestId(HttpServletRequest request) {
        return String.valueOf(request.getAttribute(RequestIds.ATTRIBUTE));
    }
}
