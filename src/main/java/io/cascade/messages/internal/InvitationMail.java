package io.cascade.messages.internal;

import io.cascade.identity.api.UserStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The invitation (kind {@code invitation}): a link to {@code /panel/invitation}, where the invited user chooses its
 * password and becomes ACTIVE. Nothing is sent once the user is no longer INVITED or the invitation expired.
 */
@Component
class InvitationMail extends LinkMail {
    InvitationMail(MailRecipients recipients, PublicUrl publicUrl, Clock clock) {
        super(recipients, publicUrl, clock);
    }

    @Override
    public String kind() {
        return SignInMessages.INVITATION;
    }

    @Override
    UserStatus linkFor() {
        return UserStatus.INVITED;
    }

    @Override
    String page() {
        return "/panel/invitation";
    }
}
