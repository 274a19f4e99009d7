package io.cascade.messages.internal;

import io.cascade.identity.api.PasswordResetRequested;
import io.cascade.identity.api.UserInvited;
import io.cascade.mail.api.ServiceUserCreated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Queues the mails of signing in, in the publishing transaction: an invitation for {@link UserInvited}, a
 * password-reset link for {@link PasswordResetRequested}, a welcome for {@link ServiceUserCreated}. The outbox row
 * holds the one-time token until the mail is composed; the composers read everything else when they run.
 */
@Component
class SignInMessages {
    static final String INVITATION = "invitation";
    static final String PASSWORD_RESET = "password-reset";
    static final String SERVICE_USER_WELCOME = "service-user-welcome";

    private final Outbox outbox;

    SignInMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void invited(UserInvited event) {
        outbox.mail(INVITATION, event.accountId(), Map.of("userId", event.userId(), "email", event.email(),
                "token", event.token(), "expiresAt", event.expiresAt().toString()));
    }

    @EventListener
    void resetRequested(PasswordResetRequested event) {
        outbox.mail(PASSWORD_RESET, event.accountId(), Map.of("userId", event.userId(), "email", event.email(),
                "token", event.token(), "expiresAt", event.expiresAt().toString()));
    }

    @EventListener
    void serviceUserCreated(ServiceUserCreated event) {
        outbox.mail(SERVICE_USER_WELCOME, event.accountId(), Map.of("serviceUserId", event.serviceUserId(),
                "email", event.email(), "name", event.name(), "quotaMb", event.mailboxQuotaMb(),
                "invited", event.invited()));
    }
}
