package io.cascade.messages.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.cascade.messages.api.MailTemplateParts;
import io.cascade.shared.FieldProblem;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Template text is data (issue 16): it is compiled by JMustache, which is logic-less, with no template loader (so no
 * partial can be read from anywhere), values HTML-escaped in the HTML part, and a missing value rendered empty. An
 * issuer's override is checked before it is saved: it must parse, use only the placeholders of its kind, include no
 * partial, change no delimiters, and in the HTML part print no value unescaped; the subject is one line.
 */
final class SafeTemplates {
    /** The names every mail's model holds, whatever its kind. */
    static final Set<String> COMMON = Set.of("brand.name", "signature", "recipient.name");

    /** Subject and text part: values as they are. */
    static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).defaultValue("");
    /** HTML part: every value HTML-escaped. */
    static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true).defaultValue("");

    /**
     * Compiled templates of the mail being sent, by their text, the most recently used kept: each default and each
     * issuer's saved version is compiled once, not for every mail. Previews of drafts are compiled and not kept.
     */
    private static final Map<String, Template> COMPILED = Collections.synchronizedMap(
            new LinkedHashMap<>(128, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Template> eldest) {
                    return size() > 256;
                }
            });

    private SafeTemplates() {
    }

    /** Renders a subject (one line: runs of white space, line breaks too, become one space), a text or an HTML part. */
    static String render(Part part, String template, Object model) {
        if (template == null) {
            return null;
        }
        String key = part.name() + ":" + template;
        Template compiled = COMPILED.get(key);
        if (compiled == null) {
            compiled = compile(part, template);
            COMPILED.put(key, compiled);
        }
        return execute(part, compiled, model);
    }

    /** The same for a draft, compiled for this once. */
    static String renderOnce(Part part, String template, Object model) {
        return template == null ? null : execute(part, compile(part, template), model);
    }

    private static Template compile(Part part, String template) {
        return (part == Part.HTML ? HTML : TEXT).compile(template);
    }

    private static String execute(Part part, Template compiled, Object model) {
        String out = compiled.execute(model);
        return part == Part.SUBJECT ? out.strip().replaceAll("\\s+", " ") : out;
    }

    /** The parts of a template, each rendered its way. */
    enum Part { SUBJECT, TEXT, HTML }

    /**
     * A model for previews that answers every name: with the value given for it (by its full dotted name), else
     * with the name itself in brackets ({@code [invoice.number]}); a section over it renders once.
     */
    static final class Sample extends AbstractMap<String, Object> {
        private final String prefix;
        private final Map<String, ?> values;

        Sample(Map<String, ?> values) {
            this("", values);
        }

        private Sample(String prefix, Map<String, ?> values) {
            this.prefix = prefix;
            this.values = values;
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Object get(Object key) {
            String name = prefix + key;
            Object value = values.get(name);
            return value != null ? value : new Sample(name + ".", values);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }

        @Override
        public String toString() {
            return "[" + prefix.substring(0, Math.max(0, prefix.length() - 1)) + "]";
        }
    }

    /** Every variable and section name a template uses (none when it does not parse). */
    static Set<String> names(String template) {
        Set<String> names = new TreeSet<>();
        if (template == null) {
            return names;
        }
        try {
            TEXT.compile(template).visit(new Mustache.Visitor() {
                public void visitText(String text) {
                }

                public void visitVariable(String name) {
                    names.add(name);
                }

                public boolean visitInclude(String name) {
                    return false;
                }

                public boolean visitSection(String name) {
                    names.add(name);
                    return true;
                }

                public boolean visitInvertedSection(String name) {
                    names.add(name);
                    return true;
                }
            });
        } catch (MustacheException e) {
            return names;
        }
        return names;
    }

    /** The problems of an override's parts, named {@code subject}, {@code text}, {@code html}; empty when it is good. */
    static List<FieldProblem> check(MailTemplateParts parts, Set<String> placeholders) {
        List<FieldProblem> problems = new ArrayList<>();
        if (parts == null || parts.isEmpty()) {
            problems.add(new FieldProblem("subject", "give at least one of subject, text and html (to return to the "
                    + "default, delete the override)"));
            return problems;
        }
        check("subject", parts.subject(), 300, false, placeholders, problems);
        check("text", parts.text(), 100_000, false, placeholders, problems);
        check("html", parts.html(), 100_000, true, placeholders, problems);
        return problems;
    }

    private static void check(String field, String template, int max, boolean html, Set<String> placeholders,
                              List<FieldProblem> problems) {
        if (template == null) {
            return;
        }
        if (template.isBlank()) {
            problems.add(new FieldProblem(field, "must not be blank (leave it out to keep the default)"));
            return;
        }
        if (template.length() > max) {
            problems.add(new FieldProblem(field, "size must be between 0 and " + max));
            return;
        }
        if (field.equals("subject") && (template.indexOf('\n') >= 0 || template.indexOf('\r') >= 0)) {
            problems.add(new FieldProblem(field, "must be one line"));
            return;
        }
        if (template.contains("{{=")) {
            problems.add(new FieldProblem(field, "may not change the delimiters ({{=...=}})"));
            return;
        }
        if (html && (template.contains("{{{") || template.contains("{{&"))) {
            problems.add(new FieldProblem(field, "prints a value unescaped ({{{...}}} or {{&...}}); values are always "
                    + "escaped in the HTML part, use {{name}}"));
            return;
        }
        Template compiled;
        try {
            compiled = (html ? HTML : TEXT).compile(template);
        } catch (MustacheException e) {
            problems.add(new FieldProblem(field, "is not a valid template: " + e.getMessage()));
            return;
        }
        Set<String> unknown = new TreeSet<>();
        Set<String> includes = new TreeSet<>();
        compiled.visit(new Mustache.Visitor() {
            public void visitText(String text) {
            }

            public void visitVariable(String name) {
                known(name);
            }

            public boolean visitInclude(String name) {
                includes.add(name);
                return false;
            }

            public boolean visitParent(String name) {
                includes.add(name);
                return false;
            }

            public boolean visitSection(String name) {
                known(name);
                return true;
            }

            public boolean visitInvertedSection(String name) {
                known(name);
                return true;
            }

            private void known(String name) {
                if (!name.equals(".") && !name.equals("this") && !placeholders.contains(name)) {
                    unknown.add(name);
                }
            }
        });
        if (!includes.isEmpty()) {
            problems.add(new FieldProblem(field, "may not include other templates ({{>" + includes.iterator().next()
                    + "}})"));
        } else if (!unknown.isEmpty()) {
            problems.add(new FieldProblem(field, "uses unknown placeholder" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(n -> "{{" + n + "}}").toList())
                    + "; available: " + String.join(", ", placeholders)));
        }
    }
}
