package io.cascade.messages.internal;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-time secrets a mail may carry (an invitation's or password reset's token in its link), and their redaction
 * in what the sent-mail views show (ADR 0025). A fact of a mail is secret when its name is {@code token} or ends in
 * {@code Token}, {@code Secret} or {@code Password}; its value is replaced wherever the rendered mail shows it, and so
 * is the value of a {@code token=}, {@code secret=} or {@code password=} query parameter of any link. Once a mail has
 * been sent, the outbox keeps only the redacted copy and drops the secret facts ({@link #SECRET_KEY_SQL}).
 */
final class Secrets {
    static final String REDACTED = "[redacted]";
    /** A PostgreSQL regular expression (case-insensitive, {@code ~*}) for the names of secret facts. */
    static final String SECRET_KEY_SQL = "(token|secret|password)$";

    private static final Pattern SECRET_KEY = Pattern.compile("(?i)(token|secret|password)$");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&](?:amp;)?[a-z_-]*(?:token|secret|password)=)([^&#\\s\"'<>]+)");
    /** Shorter values are never hunted in the text (they would match ordinary words). */
    private static final int MIN_SECRET_LENGTH = 8;

    private Secrets() {
    }

    static boolean secretKey(String name) {
        return name != null && SECRET_KEY.matcher(name).find();
    }

    /** The values of the message's secret facts, longest first. */
    static List<String> values(JsonNode data) {
        List<String> values = new ArrayList<>();
        if (data != null && data.isObject()) {
            for (Map.Entry<String, JsonNode> field : data.properties()) {
                if (secretKey(field.getKey()) && field.getValue().isString()
                        && field.getValue().asString().length() >= MIN_SECRET_LENGTH) {
                    values.add(field.getValue().asString());
                }
            }
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
        return values;
    }

    /** The mail with every secret value and secret link parameter replaced by {@value #REDACTED}. */
    static RenderedMail redact(RenderedMail mail, JsonNode data) {
        List<String> values = values(data);
        return new RenderedMail(redact(mail.subject(), values), redact(mail.text(), values),
                redact(mail.html(), values));
    }

    static String redact(String text, List<String> values) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : values) {
            result = result.replace(value, REDACTED);
        }
        Matcher matcher = SECRET_PARAMETER.matcher(result);
        return matcher.find() ? matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED)) : result;
    }

    /** True when the text shows something that redaction would hide. */
    static boolean showsSecrets(String text, List<String> values) {
        return text != null && !text.equals(redact(text, values));
    }
}
