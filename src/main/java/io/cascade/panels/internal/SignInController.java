package io.cascade.panels.internal;

import io.cascade.identity.api.IssuedToken;
import io.cascade.identity.api.Logins;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Problem;
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
import java.util.Map;
import java.util.UUID;

/**
 * Signing in and out. Sign-in is {@code Logins.signIn} — the same throttling, the same answers, a token named
 * "panel" kept in a fresh session; when the e-mail signs in to several accounts, the page asks which one.
 */
@Controller
class SignInController {
    private final Logins logins;
    private final SignInHosts hosts;

    SignInController(Logins logins, SignInHosts hosts) {
        this.logins = logins;
        this.hosts = hosts;
    }

    /** The sign-in form as the browser sends it. */
    record SignInForm(String email, String password, String accountId, String next) {
    }

    @GetMapping("/login")
    String form(HttpServletRequest request, Model model, @RequestParam(required = false) String next) {
        if (request.getAttribute(PanelSessionFilter.CALLERS) != null) {
            return "redirect:" + safeNext(next);
        }
        model.addAttribute("form", new SignInForm(null, null, null, next));
        model.addAttribute("notice", notice(request));
        return "panel/login";
    }

    @PostMapping("/login")
    String signIn(SignInForm form, HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("form", new SignInForm(form.email(), null, form.accountId(), form.next()));
        FormErrors errors = new FormErrors(List.of("email", "password"));
        if (AccountForm.text(form.email()) == null) {
            errors.add("email", "is required");
        }
        if (form.password() == null || form.password().isEmpty()) {
            errors.add("password", "is required");
        }
        UUID accountId = null;
        try {
            accountId = AccountForm.text(form.accountId()) == null ? null : UUID.fromString(form.accountId().strip());
        } catch (IllegalArgumentException e) {
            errors.general("Choose one of the accounts.");
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("errors", errors);
            return "panel/login";
        }
        try {
            var credentials = new Logins.Credentials(form.email().strip(), form.password(), accountId, "panel", null,
                    hosts.subtree(request)).forPanelSession(); // on a vendor's panel host: only its subtree (ADR 0035)
            IssuedToken token = logins.signIn(credentials, request.getRemoteAddr(),
                    String.valueOf(request.getAttribute(RequestIds.ATTRIBUTE)));
            PanelSession.start(request, token);
            return "redirect:" + safeNext(form.next());
        } catch (RuleViolationException e) {
            if (e.problem() == Problem.ACCOUNT_CHOICE_REQUIRED && e.properties().get("accounts") instanceof List<?> list) {
                model.addAttribute("choices", list.stream().filter(Map.class::isInstance).map(Map.class::cast)
                        .map(Choice::of).toList());
                return "panel/login";
            }
            response.setStatus(ProblemStatuses.of(e).value());
            model.addAttribute("errors", errors.general(e.getMessage()));
            return "panel/login";
        }
    }

    /** One account an e-mail signs in to: its name, and what it is and below whom, to tell namesakes apart. */
    public record Choice(String accountId, String companyName, String detail) {
        static Choice of(Map<?, ?> account) {
            String type = account.get("type") == null ? "account" : account.get("type").toString().toLowerCase();
            Object vendor = account.get("vendorName");
            return new Choice(String.valueOf(account.get("accountId")), String.valueOf(account.get("companyName")),
                    vendor == null ? type : type + " of " + vendor);
        }
    }

    @GetMapping("/logout")
    String confirmSignOut(HttpServletRequest request) {
        return request.getAttribute(PanelSessionFilter.CALLERS) == null ? "redirect:/login" : "panel/logout";
    }

    /** Ends the session's token (so it is useless even if copied) and the session itself. */
    @PostMapping("/logout")
    String signOut(HttpServletRequest request) {
        if (request.getAttribute(PanelSessionFilter.CALLERS) instanceof PanelSessionFilter.Callers callers) {
            logins.signOut(callers.home());
        }
        PanelSession.end(request);
        return "redirect:/login?signedOut";
    }

    private static String notice(HttpServletRequest request) {
        if (request.getParameter("signedOut") != null) {
            return "You have signed out.";
        }
        if (request.getParameter("ended") != null) {
            return "Your session has ended: it expired, was revoked, or your user or account is no longer active.";
        }
        if (request.getParameter("expired") != null) {
            return "The form had expired. Please sign in again.";
        }
        if (request.getParameter("activated") != null) {
            return "Your password is set and your login active. Sign in with it.";
        }
        if (request.getParameter("passwordReset") != null) {
            return "Your new password is set. Sign in with it.";
        }
        return null;
    }

    private static final java.util.regex.Pattern PANEL_PATH =
            java.util.regex.Pattern.compile("/(panel(/[A-Za-z0-9._~%/-]*)?(\\?[A-Za-z0-9._~%&=+-]*)?)?");

    /** Only a path of this panel: never another site, a scheme-relative URL or anything but plain characters. */
    static String safeNext(String next) {
        return next != null && next.length() <= 500 && PANEL_PATH.matcher(next).matches() ? next : "/";
    }
}
