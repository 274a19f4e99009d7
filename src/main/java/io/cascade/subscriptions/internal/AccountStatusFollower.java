package io.cascade.subscriptions.internal;

import io.cascade.accounts.api.AccountStatusChanged;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.subscriptions.api.SubscriptionsFollowedAccounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The subscriptions module's reaction to {@link AccountStatusChanged}, in the account change's transaction
 * (docs/architecture.md, "Reactions"): an account suspension suspends its live subscriptions (marked as suspended with
 * the account), resuming the account restores exactly those, and terminating an account cancels what it still has.
 * Then, in this order: {@link SubscriptionsFollowedAccounts} for the modules that follow the subscriptions (the SIMs,
 * still in this transaction), and {@link SubscriptionsMovedWithAccounts}, whose listener carries the suspension or
 * resumption to the subscriptions' services after the commit, durably ({@link ServicesFollower}).
 */
@Component
class AccountStatusFollower {
    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final SubscriptionEngine engine;
    private final PlanManagement plans;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountStatusFollower(JdbcClient jdbc, Subscriptions subscriptions, SubscriptionEngine engine,
                          PlanManagement plans, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.engine = engine;
        this.plans = plans;
        this.audit = audit;
        this.clock = clock;
    }

    private record Touched(UUID id, UUID accountId, String path, String before, String after) {
    }

    /** A subscription an account's suspension or resumption changed, with its status before and after. */
    private static final RowMapper<Touched> TOUCHED = (rs, n) -> new Touched(rs.getObject("id", UUID.class),
            rs.getObject("account_id", UUID.class), rs.getString("account_path"), rs.getString("status_before"),
            rs.getString("status_after"));

    @EventListener
    void on(AccountStatusChanged event) {
        UUID[] ids = event.accountIds().toArray(UUID[]::new);
        Timestamp now = Timestamp.from(clock.instant());
        List<Touched> touched = switch (event.change()) {
            case SUSPENDED -> jdbc.sql("""
                            UPDATE subscription SET status_before_suspension = status, status = 'SUSPENDED',
                                   suspended_with_account = true, version = version + 1, updated_at = :now
                            WHERE account_id = ANY(:ids) AND status IN ('ACTIVE', 'PENDING')
                            RETURNING id, account_id, account_path, status_before_suspension AS status_before,
                                      status AS status_after""")
                    .param("ids", ids).param("now", now).query(TOUCHED).list();
            case RESUMED -> jdbc.sql("""
                            UPDATE subscription SET status = CASE WHEN status_before_suspension = 'PENDING'
                                       AND start_date <= :today
                                       AND (purpose = 'RESALE' OR provisioned_at IS NOT NULL)
                                       THEN 'ACTIVE' ELSE status_before_suspension END,
                                   status_before_suspension = NULL, suspended_with_account = false,
                                   version = version + 1, updated_at = :now
                            WHERE account_id = ANY(:ids) AND suspended_with_account
                            RETURNING id, account_id, account_path, 'SUSPENDED' AS status_before, status AS status_after""")
                    .param("ids", ids).param("now", now).param("today", java.sql.Date.valueOf(LocalDate.now(clock)))
                    .query(TOUCHED).list();
            case TERMINATED -> cancelAll(event, ids);
            case ACTIVATED -> List.of();
        };
        // the terms history (what billing reads) records the new status from today, as a subscription's own
        // suspension or resumption does
        subscriptions.recordTermsOfAll(touched.stream().map(Touched::id).toList(), LocalDate.now(clock),
                clock.instant());
        audit(event, touched); // a cancellation was audited by the engine
        events.publishEvent(new SubscriptionsFollowedAccounts(event.change(), event.accountIds(), event.caller()));
        if (!touched.isEmpty() && event.change() != AccountStatusChanged.Change.TERMINATED) {
            events.publishEvent(new io.cascade.subscriptions.api.SubscriptionsChanged(
                    event.change() == AccountStatusChanged.Change.SUSPENDED
                            ? io.cascade.subscriptions.api.SubscriptionsChanged.Change.SUSPENDED
                            : io.cascade.subscriptions.api.SubscriptionsChanged.Change.RESUMED,
                    touched.stream().map(t -> new io.cascade.subscriptions.api.SubscriptionsChanged.Changed(t.id(),
                            t.accountId())).toList()));
        }
        if (!touched.isEmpty()) {
            events.publishEvent(SubscriptionsMovedWithAccounts.of(touched.stream().map(Touched::id).toList(),
                    event.caller()));
        }
    }

    private void audit(AccountStatusChanged event, List<Touched> touched) {
        List<AuditRecord> records = new ArrayList<>();
        String action = event.change() == AccountStatusChanged.Change.SUSPENDED
                ? "subscription.suspended-with-account" : "subscription.resumed-with-account";
        for (Touched t : touched) {
            records.add(new AuditRecord(event.caller(), t.accountId(), t.path(), action,
                    Map.of("status", t.before(), "subscriptionId", t.id()),
                    Map.of("status", t.after(), "subscriptionId", t.id(),
                            "effectiveDate", LocalDate.now(clock).toString())));
        }
        audit.recordAll(records);
    }

    private List<Touched> cancelAll(AccountStatusChanged event, UUID[] ids) {
        List<UUID> live = jdbc.sql("SELECT id FROM subscription WHERE account_id = ANY(:ids) AND status <> 'CANCELLED'")
                .param("ids", ids).query(UUID.class).list();
        for (UUID id : live) {
            Subscriptions.Row row = subscriptions.lock(id).orElseThrow();
            engine.cancel(event.caller(), row, plans.terms(row.planId()), LocalDate.now(clock));
        }
        return List.of();
    }

}
