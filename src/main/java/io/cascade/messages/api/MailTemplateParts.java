package io.cascade.messages.api;

import jakarta.validation.constraints.Size;

/**
 * The three parts of a mail template as Mustache text: the subject line, the plain-text body and the HTML body. In
 * an override a part left out (null) keeps the default's part. Placeholders are {@code {{name}}}; sections
 * {@code {{#name}}...{{/name}}} and {@code {{^name}}...{{/name}}}; values are always HTML-escaped in the HTML part.
 */
public record MailTemplateParts(@Size(max = 300) String subject,
                                @Size(max = 100_000) String text,
                                @Size(max = 100_000) String html) {

    /** True when no part is given. */
    public boolean isEmpty() {
        return subject == null && text == null && html == null;
    }
}
