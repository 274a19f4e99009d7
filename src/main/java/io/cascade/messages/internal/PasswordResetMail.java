package io.cascade.messages.internal;

import io.cascade.identity.api.UserStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The forgotten password's link (kind {@code password-reset}) to {@code /panel/password-reset}, where the user chooses
 * a new password. Nothing is sent once the user is no longer ACTIVE or the link expired.
 */
@Component
class PasswordResetMail extends LinkMail {
    PasswordResetMail(MailRecipients recipients, PublicUrl publicUrl, Clock clock) {
        super(recipients, publicUrl, clock);
    }

    @Override
    public String kind() {
        return SignInMessages.PASSWORD_RESET;
    }

    @Override
    UserStatus linkFor() {
        return UserStatus.ACTIVE;
    }

    @Override
    String page() {
        return "/panel/password-reset";
    }
}
