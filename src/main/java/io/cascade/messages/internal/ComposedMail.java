package io.cascade.messages.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A mail ready to be rendered: its recipients, the issuer whose templates, brand and sender it goes out in, the
 * recipient's language, the category that decides the signature, the template model and its attachments.
 */
record ComposedMail(List<String> to, UUID issuerId, String locale, Category category, Map<String, Object> model,
                    List<MailAttachment> attachments) {
    ComposedMail {
        to = List.copyOf(to);
        model = Map.copyOf(model);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Which department signs the mail (seed 001): billing, support, or none for account notices. */
    enum Category {
        BILLING, SUPPORT, ACCOUNT
    }
}
