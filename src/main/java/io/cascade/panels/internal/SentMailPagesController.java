package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.messages.api.MessageChannel;
import io.cascade.messages.api.MessageLog;
import io.cascade.messages.api.MessageStatus;
import io.cascade.messages.api.MessageView;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.Page;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.UUID;

/**
 * "Sent mail" through {@code MessageLog}: the mail of an account and its subtree (a tab of the account page), one
 * mail as it was rendered — its HTML in a sandboxed frame, never run in the panel — and retrying a failed one. Without
 * an SMTP host the pages say that mail is held here. The service decides who may read and retry, and audits retries.
 */
@Controller
class SentMailPagesController {
    static final int PAGE = 50;

    private final MessageLog messages;
    private final AccountManagement accounts;

    SentMailPagesController(MessageLog messages, AccountManagement accounts) {
        this.messages = messages;
        this.accounts = accounts;
    }

    @GetMapping("/panel/accounts/{accountId}/sent-mail")
    String list(Viewer viewer, @PathVariable UUID accountId, @RequestParam(required = false) String status,
                @RequestParam(required = false) String cursor, Model model) {
        Caller caller = viewer.caller();
        AccountView account = accountId.equals(caller.accountId()) ? accounts.own(caller)
                : accounts.get(caller, accountId);
        MessageStatus chosen = null;
        for (MessageStatus s : MessageStatus.values()) {
            if (s.name().equals(status)) {
                chosen = s;
            }
        }
        Page<MessageView> page = messages.list(caller, accountId,
                new MessageLog.Query(chosen, MessageChannel.MAIL, null, PAGE, cursor));
        model.addAttribute("account", account);
        model.addAttribute("mails", page);
        model.addAttribute("status", chosen);
        model.addAttribute("statuses", MessageStatus.values());
        model.addAttribute("cursor", cursor);
        model.addAttribute("held", !messages.mailConfigured());
        model.addAttribute("tab", "sent-mail");
        return "panel/sent-mail";
    }

    @GetMapping("/panel/messages/{messageId}")
    String message(Viewer viewer, @PathVariable UUID messageId, Model model) {
        model.addAttribute("m", messages.get(viewer.caller(), messageId));
        model.addAttribute("held", !messages.mailConfigured());
        return "panel/sent-mail-message";
    }

    @PostMapping("/panel/messages/{messageId}/retry")
    String retry(Viewer viewer, @PathVariable UUID messageId, HttpServletResponse response, Model model,
                 RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        try {
            MessageView retried = messages.retry(caller, messageId);
            redirect.addFlashAttribute("notice", "The message will be sent again shortly (now "
                    + retried.status() + ").");
            return "redirect:/panel/messages/" + messageId;
        } catch (RuleViolationException | ForbiddenException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 403);
            model.addAttribute("notice", e.getMessage());
            model.addAttribute("m", messages.get(caller, messageId));
            model.addAttribute("held", !messages.mailConfigured());
            return "panel/sent-mail-message";
        }
    }
}
