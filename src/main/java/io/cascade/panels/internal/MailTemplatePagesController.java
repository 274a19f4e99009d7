package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.messages.api.MailSender;
import io.cascade.messages.api.MailSenderView;
import io.cascade.messages.api.MailTemplateManagement;
import io.cascade.messages.api.MailTemplateParts;
import io.cascade.messages.api.MailTemplateView;
import io.cascade.messages.api.RenderedPreview;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A vendor's mail: its own sender and its own versions of each mail kind per language, with a live preview (htmx
 * posts the form as it is typed) — the same {@code MailTemplateManagement} calls as
 * {@code /api/v1/accounts/{id}/mail-templates} and {@code /mail-sender}, with the same checks, audit and version check
 * (each form carries the version it showed).
 */
@Controller
class MailTemplatePagesController {
    private static final List<String> TEMPLATE_FIELDS = List.of("subject", "text", "html");
    /** Style elements and attributes, which the panel's content security policy would refuse in the preview. */
    private static final Pattern STYLE_ELEMENT = Pattern.compile("(?is)<style\\b[^>]*>.*?</style\\s*>");
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("(?i)\\sstyle\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)");

    private final MailTemplateManagement templates;
    private final AccountManagement accounts;

    MailTemplatePagesController(MailTemplateManagement templates, AccountManagement accounts) {
        this.templates = templates;
        this.accounts = accounts;
    }

    record SenderForm(String email, String name, String version) {
    }

    record TemplateForm(String subject, String text, String html, String version) {
    }

    @GetMapping("/panel/accounts/{accountId}/mail")
    String list(Viewer viewer, @PathVariable UUID accountId, Model model) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        MailSenderView sender = templates.sender(caller, accountId);
        return listPage(model, caller, account, sender, new SenderForm(sender.email(), sender.name(),
                Long.toString(sender.version())), new FormErrors(List.of("email", "name")));
    }

    @PostMapping("/panel/accounts/{accountId}/mail/sender")
    String saveSender(Viewer viewer, @PathVariable UUID accountId, SenderForm form, String action, Model model,
                      HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        FormErrors errors = new FormErrors(List.of("email", "name"));
        try {
            String ifMatch = form.version() == null ? null : Etags.of(Long.parseLong(form.version()));
            if ("reset".equals(action)) {
                templates.resetSender(caller, accountId, ifMatch);
                redirect.addFlashAttribute("notice", "Your mail is sent from the platform's address again.");
            } else {
                templates.updateSender(caller, accountId, ifMatch,
                        new MailSender(AccountForm.text(form.email()), AccountForm.text(form.name())));
                redirect.addFlashAttribute("notice", "The sender has been saved.");
            }
            return "redirect:/panel/accounts/" + accountId + "/mail";
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        } catch (PreconditionFailedException | NumberFormatException e) {
            response.setStatus(412);
            errors.general("The sender was changed meanwhile (or the form was altered); reload the page.");
        }
        return listPage(model, caller, account, templates.sender(caller, accountId), form, errors);
    }

    @GetMapping("/panel/accounts/{accountId}/mail/{kind}/{language}")
    String edit(Viewer viewer, @PathVariable UUID accountId, @PathVariable String kind, @PathVariable String language,
                Model model) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        MailTemplateView template = templates.template(caller, accountId, kind, language);
        MailTemplateParts shown = template.effective();
        TemplateForm form = new TemplateForm(shown.subject(), shown.text(), shown.html(),
                Long.toString(template.version()));
        RenderedPreview preview = templates.preview(caller, accountId, kind, language, null);
        return editPage(model, account, template, form, preview, new FormErrors(TEMPLATE_FIELDS));
    }

    @PostMapping("/panel/accounts/{accountId}/mail/{kind}/{language}")
    String save(Viewer viewer, @PathVariable UUID accountId, @PathVariable String kind, @PathVariable String language,
                TemplateForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        MailTemplateView template = templates.template(caller, accountId, kind, language);
        FormErrors errors = new FormErrors(TEMPLATE_FIELDS);
        try {
            String ifMatch = form.version() == null ? null : Etags.of(Long.parseLong(form.version()));
            MailTemplateParts parts = ownParts(form, template.defaults());
            if (parts.isEmpty()) {
                templates.reset(caller, accountId, kind, language, ifMatch);
            } else {
                templates.override(caller, accountId, kind, language, ifMatch, parts);
            }
            redirect.addFlashAttribute("notice", parts.isEmpty() ? "The template is the default again."
                    : "The template has been saved.");
            return "redirect:/panel/accounts/" + accountId + "/mail/" + kind + "/" + language;
        } catch (InvalidInputException | RuleViolationException e) {
            response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
            errors.from(e);
        } catch (PreconditionFailedException | NumberFormatException e) {
            response.setStatus(412);
            errors.general("The template was changed meanwhile (or the form was altered); reload the page.");
        }
        return editPage(model, account, template, form, null, errors);
    }

    /** The live preview: htmx posts the form as it is typed and swaps in this fragment; without htmx, the page. */
    @PostMapping("/panel/accounts/{accountId}/mail/{kind}/{language}/preview")
    String preview(Viewer viewer, @PathVariable UUID accountId, @PathVariable String kind,
                   @PathVariable String language, TemplateForm form, Model model, HttpServletRequest request) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        MailTemplateView template = templates.template(caller, accountId, kind, language);
        FormErrors errors = new FormErrors(TEMPLATE_FIELDS);
        RenderedPreview preview = null;
        try {
            // the form shows every part: the preview renders them as typed
            preview = templates.preview(caller, accountId, kind, language, new MailTemplateParts(
                    typed(form.subject()), typed(form.text()), typed(form.html())));
        } catch (InvalidInputException e) {
            errors.from(e);
        }
        if (Htmx.wantsFragment(request)) {
            model.addAttribute("preview", shown(preview));
            model.addAttribute("errors", errors);
            return "panel/mail-template :: preview";
        }
        return editPage(model, account, template, form, preview, errors);
    }

    @PostMapping("/panel/accounts/{accountId}/mail/{kind}/{language}/reset")
    String reset(Viewer viewer, @PathVariable UUID accountId, @PathVariable String kind,
                 @PathVariable String language, String version, Model model, HttpServletResponse response,
                 RedirectAttributes redirect) {
        Caller caller = viewer.caller();
        AccountView account = VendorPages.vendor(accounts, caller, accountId);
        try {
            templates.reset(caller, accountId, kind, language, version == null ? null
                    : Etags.of(Long.parseLong(version)));
        } catch (PreconditionFailedException | NumberFormatException e) {
            response.setStatus(412);
            MailTemplateView template = templates.template(caller, accountId, kind, language);
            MailTemplateParts shown = template.effective();
            return editPage(model, account, template, new TemplateForm(shown.subject(), shown.text(), shown.html(),
                            Long.toString(template.version())), null,
                    new FormErrors(TEMPLATE_FIELDS).general("The template was changed meanwhile; look again and "
                            + "retry."));
        }
        redirect.addFlashAttribute("notice", "The template is the default again.");
        return "redirect:/panel/accounts/" + accountId + "/mail/" + kind + "/" + language;
    }

    /**
     * The preview as the panel shows it: the HTML part goes into a sandboxed frame (no script runs), which keeps the
     * page's content security policy, so its inline styles are left out rather than refused.
     */
    static RenderedPreview shown(RenderedPreview preview) {
        if (preview == null || preview.html() == null) {
            return preview;
        }
        String html = STYLE_ATTRIBUTE.matcher(STYLE_ELEMENT.matcher(preview.html()).replaceAll("")).replaceAll("");
        return new RenderedPreview(preview.subject(), preview.text(), html);
    }

    /** The parts of the form that differ from the default (the others stay the default's); line ends as typed. */
    private static MailTemplateParts ownParts(TemplateForm form, MailTemplateParts defaults) {
        return new MailTemplateParts(own(form.subject(), defaults.subject()), own(form.text(), defaults.text()),
                own(form.html(), defaults.html()));
    }

    private static String own(String typed, String base) {
        String value = typed(typed);
        return value == null || Objects.equals(value, typed(base)) ? null : value;
    }

    /** A part as typed, with the browser's line ends made plain. */
    private static String typed(String value) {
        return value == null ? null : value.replace("\r\n", "\n");
    }

    private String listPage(Model model, Caller caller, AccountView account, MailSenderView sender,
                            SenderForm form, FormErrors errors) {
        model.addAttribute("account", account);
        model.addAttribute("kinds", templates.kinds(caller, account.id()));
        model.addAttribute("sender", sender);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "mail");
        return "panel/mail-templates";
    }

    private String editPage(Model model, AccountView account, MailTemplateView template, TemplateForm form,
                            RenderedPreview preview, FormErrors errors) {
        model.addAttribute("account", account);
        model.addAttribute("template", template);
        model.addAttribute("form", form);
        model.addAttribute("preview", shown(preview));
        model.addAttribute("errors", errors);
        model.addAttribute("tab", "mail");
        return "panel/mail-template";
    }
}
