package io.cascade.messages.internal;

import io.cascade.messages.api.MailTemplateParts;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Renders a mail's subject, text and HTML from its templates (ADR 0025). Template text is data: logic-less Mustache
 * (JMustache) with no partials, no loader and no code; values are HTML-escaped in the HTML part and left as they are in
 * the subject and text ({@link SafeTemplates}). The defaults are the classpath files
 * {@code messages/<kind>/<lang>.subject}, {@code .txt} and {@code .html} for the languages in {@link #LANGUAGES}
 * ({@link TemplateDefaults}); a locale without its own files falls back to English. A kind without an HTML file is
 * sent as text only.
 * <p>
 * The issuer's own version of a kind in a language ({@link TemplateOverrides}, checked when it was saved) replaces the
 * default's parts it sets. It applies to the mail that issuer issues only: a reseller below a vendor with its own
 * templates does not inherit them, it sends the platform's defaults until it sets its own (docs/guide.md).
 */
@Component
class MailTemplates {
    static final Set<String> LANGUAGES = Set.copyOf(io.cascade.messages.api.MailTemplateManagement.LANGUAGES);
    static final String FALLBACK = "en";

    private final TemplateDefaults defaults;
    private final TemplateOverrides overrides;

    MailTemplates(TemplateDefaults defaults, TemplateOverrides overrides) {
        this.defaults = defaults;
        this.overrides = overrides;
    }

    /** Renders the mail of {@code kind} that {@code issuerId} sends, in the language of {@code locale}. */
    RenderedMail render(String kind, UUID issuerId, String locale, Map<String, Object> model) {
        return render(parts(kind, issuerId, language(kind, locale)), model);
    }

    /**
     * The templates of {@code kind} that {@code issuerId} (null: none) sends in {@code lang} (a language of
     * {@link #language}): the issuer's own parts over the default's.
     */
    MailTemplateParts parts(String kind, UUID issuerId, String lang) {
        MailTemplateParts parts = defaults.parts(kind, lang).orElseThrow(
                () -> new IllegalStateException("no templates for mail kind " + kind));
        if (issuerId != null) {
            MailTemplateParts own = overrides.find(issuerId, kind, lang).map(TemplateOverrides.Row::parts).orElse(null);
            if (own != null && !own.isEmpty()) {
                parts = IssuerMailSettings.merge(own, parts);
            }
        }
        return parts;
    }

    /** Renders templates (from {@link #parts}) with a mail's model. */
    static RenderedMail render(MailTemplateParts parts, Map<String, Object> model) {
        return new RenderedMail(SafeTemplates.render(SafeTemplates.Part.SUBJECT, parts.subject(), model),
                SafeTemplates.render(SafeTemplates.Part.TEXT, parts.text(), model),
                SafeTemplates.render(SafeTemplates.Part.HTML, parts.html(), model));
    }

    /** The language the mail of {@code kind} is written in for {@code locale}: its own when it has templates. */
    String language(String kind, String locale) {
        String lang = locale == null || locale.isBlank() ? FALLBACK
                : Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
        return LANGUAGES.contains(lang) && defaults.languages(kind).contains(lang) ? lang : FALLBACK;
    }

    /** True when the kind has default templates. */
    boolean known(String kind) {
        return defaults.exists(kind);
    }
}
