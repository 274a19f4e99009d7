package io.cascade.messages.internal;

import io.cascade.mail.api.ServiceUserView;
import io.cascade.mail.api.ServiceUsers;
import io.cascade.shared.NotFoundException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The welcome of a new service user (kind {@code service-user-welcome}), to its own mailbox, in its account's
 * language, as its account's vendor: its address is its login, where to sign in, and whether it still chooses its
 * password with its invitation. Never its password. Nothing is sent once the service user is removed.
 */
@Component
class ServiceUserWelcomeMail implements MailComposer {
    private final ServiceUsers serviceUsers;
    private final MailRecipients recipients;
    private final PublicUrl publicUrl;

    ServiceUserWelcomeMail(ServiceUsers serviceUsers, MailRecipients recipients, PublicUrl publicUrl) {
        this.serviceUsers = serviceUsers;
        this.recipients = recipients;
        this.publicUrl = publicUrl;
    }

    @Override
    public String kind() {
        return SignInMessages.SERVICE_USER_WELCOME;
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        ServiceUserView user;
        try {
            user = serviceUsers.get(recipients.platform(),
                    UUID.fromString(message.data().path("serviceUserId").asString()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        if (user.removed()) {
            return Optional.empty();
        }
        MailRecipients.Account account = recipients.account(user.accountId());
        Map<String, Object> model = Map.of(
                "recipient", Map.of("name", user.name()),
                "email", user.email(),
                "account", account.view().companyName(),
                "quota", user.mailbox() == null ? message.data().path("quotaMb").asInt()
                        : user.mailbox().quotaMb(),
                "signInLink", publicUrl.base(account.issuerId()) + "/login",
                "invited", message.data().path("invited").asBoolean(false));
        return Optional.of(new ComposedMail(List.of(user.email()), account.issuerId(), account.locale(),
                ComposedMail.Category.ACCOUNT, model, List.of()).readBy(account.view()));
    }
}
