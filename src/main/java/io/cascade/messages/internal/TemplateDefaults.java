package io.cascade.messages.internal;

import io.cascade.messages.api.MailTemplateManagement;
import io.cascade.messages.api.MailTemplateParts;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's default templates, read once from the classpath: {@code messages/<kind>/<lang>.subject},
 * {@code <lang>.txt} and {@code <lang>.html}, for the languages {@code en} and {@code de}. A kind exists when its
 * English subject does, a language of it when its subject does; a kind without an HTML file is sent as text only. The placeholders of a kind are every name its defaults use (in any language and part), and
 * the names every mail has ({@link SafeTemplates#COMMON}).
 */
@Component
class TemplateDefaults {
    private static final Pattern FILE = Pattern.compile(".*/messages/([a-z0-9][a-z0-9_.-]*)/([a-z]{2})\\.(subject|txt|html)$");

    /** kind -> language -> parts. */
    private final Map<String, Map<String, MailTemplateParts>> defaults;
    private final Map<String, Set<String>> placeholders;

    TemplateDefaults() {
        this.defaults = load();
        Map<String, Set<String>> names = new TreeMap<>();
        defaults.forEach((kind, languages) -> {
            Set<String> used = new TreeSet<>(SafeTemplates.COMMON);
            languages.values().forEach(parts -> {
                used.addAll(SafeTemplates.names(parts.subject()));
                used.addAll(SafeTemplates.names(parts.text()));
                used.addAll(SafeTemplates.names(parts.html()));
            });
            names.put(kind, Collections.unmodifiableSet(used));
        });
        this.placeholders = Collections.unmodifiableMap(names);
    }

    /** Every kind that has defaults, in name order. */
    Set<String> kinds() {
        return defaults.keySet();
    }

    boolean exists(String kind) {
        return defaults.containsKey(kind);
    }

    /** The languages a kind has defaults in (English always). */
    Set<String> languages(String kind) {
        Map<String, MailTemplateParts> languages = defaults.get(kind);
        return languages == null ? Set.of() : languages.keySet();
    }

    /** The default parts of a kind in a language, the English ones for a language it lacks; empty: no such kind. */
    Optional<MailTemplateParts> parts(String kind, String language) {
        Map<String, MailTemplateParts> languages = defaults.get(kind);
        if (languages == null) {
            return Optional.empty();
        }
        MailTemplateParts parts = languages.get(language);
        return Optional.ofNullable(parts != null ? parts : languages.get(MailTemplateManagement.LANGUAGES.get(0)));
    }

    /** The placeholder names a kind's templates may use (empty for an unknown kind). */
    Set<String> placeholders(String kind) {
        return placeholders.getOrDefault(kind, Set.of());
    }

    private static Map<String, Map<String, MailTemplateParts>> load() {
        Map<String, Map<String, Map<String, String>>> files = new TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:messages/*/*.*")) {
                String url = resource.getURL().toString();
                Matcher m = FILE.matcher(url);
                if (!m.matches() || !MailTemplateManagement.LANGUAGES.contains(m.group(2))) {
                    continue;
                }
                String content = resource.getContentAsString(StandardCharsets.UTF_8);
                files.computeIfAbsent(m.group(1), k -> new TreeMap<>())
                        .computeIfAbsent(m.group(2), k -> new TreeMap<>())
                        .put(m.group(3), m.group(3).equals("subject") ? content.strip() : content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The default mail templates cannot be read", e);
        }
        Map<String, Map<String, MailTemplateParts>> result = new TreeMap<>();
        files.forEach((kind, languages) -> {
            if (!languages.containsKey("en") || !languages.get("en").containsKey("subject")) {
                return;
            }
            Map<String, MailTemplateParts> parts = new TreeMap<>();
            // a language is there when it has a subject; a part it lacks is missing (no HTML: text only), as in
            // every language
            languages.forEach((language, f) -> {
                if (f.containsKey("subject")) {
                    parts.put(language, new MailTemplateParts(f.get("subject"), f.getOrDefault("txt", ""),
                            f.get("html")));
                }
            });
            result.put(kind, Collections.unmodifiableMap(parts));
        });
        return Collections.unmodifiableMap(result);
    }
}
