package io.cascade.messages.api;

import io.cascade.shared.Caller;

import java.util.List;
import java.util.UUID;

/**
 * A vendor's own mail templates and sender (issue 16): per mail kind and language it may override the subject, the
 * text body and the HTML body of the mail it issues, preview them, and return to the default; and it may name its own
 * sender address. Every call checks the account against the caller (404 outside its subtree, and for a customer,
 * which issues no mail); reading takes ACCOUNTS_READ or SETTINGS_MANAGE, changing SETTINGS_MANAGE; every change is
 * audited.
 */
public interface MailTemplateManagement {
    /** The languages templates exist in; the first is the fallback for any other locale. */
    List<String> LANGUAGES = List.of("en", "de");

    List<MailKindView> kinds(Caller caller, UUID accountId);

    MailTemplateView template(Caller caller, UUID accountId, String kind, String language);

    /** Sets the issuer's parts (null parts keep the default); {@code ifMatch} (or null) must name the version. */
    MailTemplateView override(Caller caller, UUID accountId, String kind, String language, String ifMatch,
                              MailTemplateParts parts);

    /** Removes the issuer's override: the default applies again. */
    MailTemplateView reset(Caller caller, UUID accountId, String kind, String language, String ifMatch);

    /**
     * Renders the kind with sample data as the issuer would send it: with {@code draft}'s parts where given (checked
     * like an override, nothing saved), else the issuer's saved override, else the default.
     */
    RenderedPreview preview(Caller caller, UUID accountId, String kind, String language, MailTemplateParts draft);

    MailSenderView sender(Caller caller, UUID accountId);

    MailSenderView updateSender(Caller caller, UUID accountId, String ifMatch, MailSender sender);

    /** Removes the issuer's own sender: the platform's address with its name applies again. */
    MailSenderView resetSender(Caller caller, UUID accountId, String ifMatch);
}
