package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountType;
import io.cascade.identity.api.UserStatus;
import io.cascade.identity.api.UserView;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A mail that carries a one-time link to a panel page of a user's (one composer per kind, {@link MailComposers}: the
 * invitation, the password reset): sent to the user's address in its account's language, as the account's vendor,
 * while the user is still in the state the link is for and the link has not expired; otherwise there is nothing to
 * send. The model: {@code recipient.name}, {@code email}, {@code account} (its company name), {@code link},
 * {@code expiresAt} (in the account's language and time zone).
 */
class LinkMail implements MailComposer {
    private final String kind;
    private final UserStatus linkFor;
    private final String page;
    private final MailRecipients recipients;
    private final PublicUrl publicUrl;
    private final Clock clock;

    /**
     * @param linkFor the state the user must still be in for the link to work
     * @param page    the panel page the link opens
     */
    LinkMail(String kind, UserStatus linkFor, String page, MailRecipients recipients, PublicUrl publicUrl,
             Clock clock) {
        this.kind = kind;
        this.linkFor = linkFor;
        this.page = page;
        this.recipients = recipients;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        Instant expiresAt = Instant.parse(message.data().path("expiresAt").asString());
        if (!expiresAt.isAfter(clock.instant())) {
            return Optional.empty();
        }
        Optional<UserView> user = recipients.user(UUID.fromString(message.data().path("userId").asString()))
                .filter(u -> u.status() == linkFor);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        MailRecipients.Account account = recipients.account(user.get().accountId());
        // the link opens on the panel host of the brand the reader sees: a customer's vendor's, a vendor's staff's own
        UUID linkHost = account.view().type() == AccountType.CUSTOMER ? account.issuerId() : account.view().id();
        Map<String, Object> model = Map.of(
                "recipient", Map.of("name", user.get().name()),
                "email", user.get().email(),
                "account", account.view().companyName(),
                "link", publicUrl.page(linkHost, page, "token", message.data().path("token").asString()),
                "expiresAt", account.format(expiresAt));
        return Optional.of(new ComposedMail(List.of(user.get().email()), account.issuerId(), account.locale(),
                ComposedMail.Category.ACCOUNT, model, List.of()).readBy(account.view()));
    }
}
