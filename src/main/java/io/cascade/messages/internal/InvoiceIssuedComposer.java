package io.cascade.messages.internal;

import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@code invoice-issued}: an invoice to the buyer's billing contact, with its PDF or CSV ({@link DocumentMails}). */
@Component
class InvoiceIssuedComposer implements MailComposer {
    static final String KIND = "invoice-issued";

    private final DocumentMails documents;

    InvoiceIssuedComposer(DocumentMails documents) {
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
