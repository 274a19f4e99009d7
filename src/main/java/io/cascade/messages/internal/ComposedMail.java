package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A mail ready to be rendered: its recipients, the issuer whose templates and sender it goes out in, the recipient's
 * language, the category that decides the signature, the template model and its attachments, and whose brand it
 * carries ({@code reader}: null for the issuer's own, see {@link MailBrands}).
 */
record ComposedMail(List<String> to, UUID issuerId, String locale, Category category, Map<String, Object> model,
                    List<MailAttachment> attachments, Reader reader) {
    ComposedMail {
        to = List.copyOf(to);
        model = Map.copyOf(model);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A mail in its issuer's brand: what the issuer sends as the seller (documents, payments, dunning, suspensions). */
    ComposedMail(List<String> to, UUID issuerId, String locale, Category category, Map<String, Object> model,
                 List<MailAttachment> attachments) {
        this(to, issuerId, locale, category, model, attachments, null);
    }

    /**
     * The same mail in the brand the people of this account see (a customer its vendor's, a reseller's staff their
     * own): for mail about their own panel and users (invitations, password resets, welcomes, notices).
     */
    ComposedMail readBy(AccountView account) {
        return new ComposedMail(to, issuerId, locale, category, model, attachments,
                new Reader(account.path(), account.type() != AccountType.CUSTOMER));
    }

    /** The account whose people read the mail: its materialized path, and whether it is a vendor. */
    record Reader(String accountPath, boolean vendor) {
    }

    /** Which department signs the mail (seed 001): billing, support, or none for account notices. */
    enum Category {
        BILLING, SUPPORT, ACCOUNT
    }
}
