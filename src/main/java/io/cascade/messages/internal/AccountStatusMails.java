package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountStatusChanged;
import io.cascade.accounts.api.AccountView;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mail of a suspension or resumption (one composer per change, {@link MailComposers}), composed when it is
 * dispatched: to the account's active administrators, in the account's language, in its vendor's templates and name
 * (the provider's for its direct accounts), without a department signature. The reason is the one given when the mail
 * was queued; the account's name and status are read now.
 */
class AccountStatusMails implements MailComposer {
    /** The changes that are mailed. */
    static final Set<AccountStatusChanged.Change> MAILED = EnumSet.of(AccountStatusChanged.Change.SUSPENDED,
            AccountStatusChanged.Change.RESUMED);

    private final AccountStatusChanged.Change change;
    private final MailParties parties;

    AccountStatusMails(AccountStatusChanged.Change change, MailParties parties) {
        this.change = change;
        this.parties = parties;
    }

    /**
     * The mail kind of a status change: {@code account-suspended}, {@code account-resumed} (named from the change, so
     * that the kind is spelled once).
     */
    static String kind(AccountStatusChanged.Change change) {
        return "account-" + change.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String kind() {
        return kind(change);
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        Optional<AccountView> found = parties.account(message.accountId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AccountView account = found.get();
        MailParties.Recipients to = parties.administrators(account.id());
        if (to.none()) {
            return Optional.empty();
        }
        // the account above whose suspension reached this one is not named: a reseller's customers need not know
        // whom the reseller buys from
        boolean cascaded = MessageData.flag(message, "cascaded");
        var model = MailParties.values(
                "account", MailParties.values("name", account.companyName(),
                        "customerNumber", account.customerNumber(), "status", account.status().name()),
                "reason", MessageData.textOrNull(message, "reason"),
                "cascaded", cascaded ? Boolean.TRUE : null,
                "recipient", MailParties.values("name", to.name()));
        return Optional.of(new ComposedMail(to.to(), parties.vendorOf(account), account.locale(),
                ComposedMail.Category.ACCOUNT, model, List.of()));
    }
}
