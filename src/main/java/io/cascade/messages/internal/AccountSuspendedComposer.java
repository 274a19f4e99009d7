package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountStatusChanged;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * {@code account-suspended}: to the suspended account's administrators, with the reason ({@link AccountStatusMails}).
 */
@Component
class AccountSuspendedComposer implements MailComposer {
    static final String KIND = AccountStatusMails.kind(AccountStatusChanged.Change.SUSPENDED);

    private final AccountStatusMails mails;

    AccountSuspendedComposer(AccountStatusMails mails) {
        this.mails = mails;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        return mails.compose(message);
    }
}
