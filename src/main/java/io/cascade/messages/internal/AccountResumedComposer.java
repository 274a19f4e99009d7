package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountStatusChanged;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@code account-resumed}: to the resumed account's administrators, with the reason ({@link AccountStatusMails}). */
@Component
class AccountResumedComposer implements MailComposer {
    static final String KIND = AccountStatusMails.kind(AccountStatusChanged.Change.RESUMED);

    private final AccountStatusMails mails;

    AccountResumedComposer(AccountStatusMails mails) {
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
