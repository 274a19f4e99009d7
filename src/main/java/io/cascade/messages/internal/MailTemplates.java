package io.cascade.messages.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a mail's subject, text and HTML from its templates (ADR 0025). Template text is data: logic-less Mustache
 * (JMustache) with no partials, no loader and no code; values are HTML-escaped in the HTML part and left as they are in
 * the subject and text. The defaults are the classpath files {@code messages/<kind>/<lang>.subject}, {@code .txt} and
 * {@code .html} for the languages in {@link #LANGUAGES}; a locale without its own files falls back to English. A kind
 * without an HTML file is sent as text only.
 */
@Component
class MailTemplates {
    static final Set<String> LANGUAGES = Set.of("en", "de");
    static final String FALLBACK = "en";

    private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).defaultValue("")
            .withLoader(name -> {
                throw new IllegalArgumentException("templates cannot include other templates");
            });
    private static final Mustache.Compiler HTML = TEXT.escapeHTML(true);

    private final Map<String, Optional<Template>> defaults = new ConcurrentHashMap<>();

    /** Renders the mail of {@code kind} that {@code issuerId} sends, in the language of {@code locale}. */
    RenderedMail render(String kind, java.util.UUID issuerId, String locale, Map<String, Object> model) {
        String lang = language(kind, locale);
        Template subject = template(kind, lang, "subject").orElseThrow(
                () -> new IllegalStateException("no subject template for mail kind " + kind));
        Template text = template(kind, lang, "txt").orElseThrow(
                () -> new IllegalStateException("no text template for mail kind " + kind));
        Optional<Template> html = template(kind, lang, "html");
        return new RenderedMail(subject.execute(model).strip().replaceAll("\\s+", " "), text.execute(model),
                html.map(t -> t.execute(model)).orElse(null));
    }

    /** The language the mail of {@code kind} is written in for {@code locale}: its own when it has templates. */
    String language(String kind, String locale) {
        String lang = locale == null || locale.isBlank() ? FALLBACK
                : Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
        return LANGUAGES.contains(lang) && template(kind, lang, "subject").isPresent() ? lang : FALLBACK;
    }

    /** True when the kind has default templates. */
    boolean known(String kind) {
        return template(kind, FALLBACK, "subject").isPresent();
    }

    private Optional<Template> template(String kind, String lang, String part) {
        return defaults.computeIfAbsent(kind + "/" + lang + "." + part, key -> load(key, part));
    }

    private static Optional<Template> load(String key, String part) {
        ClassPathResource resource = new ClassPathResource("messages/" + key);
        if (!resource.exists()) {
            return Optional.empty();
        }
        try (InputStream in = resource.getInputStream()) {
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(("html".equals(part) ? HTML : TEXT).compile(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
