package io.cascade.messages.internal;

import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * {@code credit-note-issued}: a credit note (against an invoice, or a run's own when its lines sum below zero) to the
 * buyer's billing contact, with its PDF or CSV ({@link DocumentMails}).
 */
@Component
class CreditNoteIssuedComposer implements MailComposer {
    static final String KIND = "credit-note-issued";

    private final DocumentMails documents;

    CreditNoteIssuedComposer(DocumentMails documents) {
        this.documents = documents;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        return documents.compose(message);
    }
}
