package io.cascade.messages.internal;

import java.util.Optional;

/**
 * Builds the mail of one kind when it is dispatched, from the facts the outbox row holds and the other modules'
 * current data: recipients, issuer, language, template model, attachments. Empty when there is nobody to send it to.
 */
interface MailComposer {
    String kind();

    Optional<ComposedMail> compose(OutboxMessage message);
}
