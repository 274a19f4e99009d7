package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Queues one mail per account a suspension or resumption changed, to that account's administrators, in the changing
 * transaction (one batch insert however far the cascade reached). The account acted on is told the reason its vendor
 * gave; the accounts below that the cascade reached are told that their vendor's account was suspended (or resumed)
 * — the reason concerns that account, not theirs, and the account is not named (a reseller's customers need not know
 * whom the reseller buys from).
 */
@Component
class AccountStatusMailListener {
    private final Outbox outbox;

    AccountStatusMailListener(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(AccountStatusChanged event) {
        if (!AccountStatusMails.MAILED.contains(event.change()) || event.accountIds().isEmpty()) {
            return;
        }
        String kind = AccountStatusMails.kind(event.change());
        List<MailDraft> drafts = new ArrayList<>(event.accountIds().size());
        UUID actedOn = event.accountIds().get(0);
        for (UUID accountId : event.accountIds()) {
            boolean cascaded = !accountId.equals(actedOn);
            drafts.add(new MailDraft(kind, accountId, MailParties.values(
                    "reason", cascaded ? null : event.reason(),
                    "cascaded", cascaded)));
        }
        outbox.mails(drafts);
    }
}
