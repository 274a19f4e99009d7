package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountView;
import io.cascade.shared.Privilege;
import io.cascade.subscriptions.api.LimitStop;
import io.cascade.subscriptions.api.LimitStopsChanged;
import io.cascade.usage.api.UsageThresholdsCrossed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The mails of a subscription's limits (ADR 0039), each to both sides: the subscriber's administrators and the staff
 * of its vendor who manage subscriptions (holding {@code SUBSCRIPTIONS_MANAGE}).
 * <ul>
 *     <li>{@code usage-threshold}: the month's usage of a metered resource crossed 80 % or 100 % of a SOFT limit, or
 *     80 % of a HARD one (usage gives each threshold once per month and limit);</li>
 *     <li>{@code usage-stopped}: it reached the HARD limit and the resource was stopped;</li>
 *     <li>{@code usage-resumed}: the stop was lifted (the limit raised, or a new month).</li>
 * </ul>
 * The listener queues them in the changing transaction, one statement per event; the composer reads the accounts
 * when the mail is sent. A subscriber's mail carries its vendor's templates and the brand it sees; a vendor's mail
 * its own vendor's templates and the vendor's own brand.
 */
class UsageLimitMails implements MailComposer {
    static final String THRESHOLD = "usage-threshold";
    static final String STOPPED = "usage-stopped";
    static final String RESUMED = "usage-resumed";

    private final String kind;
    private final MailParties parties;

    UsageLimitMails(String kind, MailParties parties) {
        this.kind = kind;
        this.parties = parties;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        boolean vendorSide = "vendor".equals(MessageData.textOrNull(message, "audience"));
        Optional<AccountView> recipientAccount = parties.account(message.accountId());
        Optional<AccountView> subscriber = parties.account(UUID.fromString(MessageData.text(message, "accountId")));
        if (recipientAccount.isEmpty() || subscriber.isEmpty()) {
            return Optional.empty();
        }
        AccountView account = recipientAccount.get();
        MailParties.Recipients to = vendorSide ? parties.holding(account.id(), Privilege.SUBSCRIPTIONS_MANAGE)
                : parties.administrators(account.id());
        if (to.none()) {
            return Optional.empty();
        }
        var model = MailParties.values(
                "account", MailParties.values("name", subscriber.get().companyName(),
                        "customerNumber", subscriber.get().customerNumber()),
                "subscription", MailParties.values("id", MessageData.text(message, "subscriptionId")),
                "usage", MailParties.values("resourceType", MessageData.text(message, "resourceType"),
                        "limit", MessageData.text(message, "limit"), "used", MessageData.text(message, "used"),
                        "period", MessageData.text(message, "period"),
                        "threshold", MessageData.textOrNull(message, "threshold"),
                        "hard", MessageData.flag(message, "hard") ? Boolean.TRUE : null,
                        "raised", "LIMIT_RAISED".equals(MessageData.textOrNull(message, "reason")) ? Boolean.TRUE : null,
                        "newPeriod", "NEW_PERIOD".equals(MessageData.textOrNull(message, "reason")) ? Boolean.TRUE
                                : null),
                "vendorSide", vendorSide ? Boolean.TRUE : null,
                "recipient", MailParties.values("name", to.name()));
        return Optional.of(new ComposedMail(to.to(), parties.vendorOf(account), account.locale(),
                ComposedMail.Category.SUPPORT, model, List.of()).readBy(account));
    }

    /** Queues the mails of limits crossed and of stops opened and lifted, in the changing transaction. */
    @Component
    static class Listener {
        private final Outbox outbox;
        private final MailParties parties;

        Listener(Outbox outbox, MailParties parties) {
            this.outbox = outbox;
            this.parties = parties;
        }

        @EventListener
        void on(UsageThresholdsCrossed event) {
            List<MailDraft> drafts = new ArrayList<>();
            for (UsageThresholdsCrossed.Crossing c : event.crossings()) {
                if (!c.reachedHardLimit()) { // a HARD limit reached is told as the stop it causes
                    both(drafts, THRESHOLD, c.accountId(), MailParties.values("subscriptionId",
                            c.subscriptionId().toString(), "accountId", c.accountId().toString(),
                            "resourceType", c.resourceType(), "limit", c.limit().toPlainString(),
                            "used", c.used().toPlainString(), "period", c.period().toString(),
                            "threshold", Integer.toString(c.threshold()), "hard", c.hard()));
                }
            }
            outbox.mails(drafts);
        }

        @EventListener
        void on(LimitStopsChanged event) {
            String kind = event.change() == LimitStopsChanged.Change.STOPPED ? STOPPED : RESUMED;
            List<MailDraft> drafts = new ArrayList<>();
            for (LimitStop stop : event.stops()) {
                both(drafts, kind, stop.accountId(), MailParties.values("subscriptionId",
                        stop.subscriptionId().toString(), "accountId", stop.accountId().toString(),
                        "resourceType", stop.resourceType(), "limit", stop.limit().toPlainString(),
                        "used", stop.used().toPlainString(), "period", stop.period().toString(), "hard", true,
                        "reason", stop.liftReason() == null ? null : stop.liftReason().name()));
            }
            outbox.mails(drafts);
        }

        /** One mail to the subscriber's administrators, one to its vendor's staff. */
        private void both(List<MailDraft> drafts, String kind, UUID accountId, Map<String, Object> data) {
            Optional<AccountView> account = parties.account(accountId);
            if (account.isEmpty()) {
                return;
            }
            Map<String, Object> own = new java.util.LinkedHashMap<>(data);
            own.put("audience", "account");
            drafts.add(new MailDraft(kind, accountId, own));
            if (account.get().vendorId() != null) {
                Map<String, Object> vendor = new java.util.LinkedHashMap<>(data);
                vendor.put("audience", "vendor");
                drafts.add(new MailDraft(kind, account.get().vendorId(), vendor));
            }
        }
    }
}
