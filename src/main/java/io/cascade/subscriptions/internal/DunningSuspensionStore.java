package io.cascade.subscriptions.internal;

import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.subscriptions.api.DunningSuspensions.Target;
import io.cascade.subscriptions.api.SubscriptionsChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The statements behind {@link io.cascade.subscriptions.api.DunningSuspensions}. */
@Component
public class DunningSuspensionStore {
    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DunningSuspensionStore(JdbcClient jdbc, Subscriptions subscriptions, AuditTrail audit,
                           ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A subscription a dunning suspension or lift moved, with its status before and after and its episode. */
    public record Moved(UUID id, UUID accountId, String path, String before, String after, UUID episodeId) {
    }

    private static final RowMapper<Moved> MOVED = (rs, n) -> new Moved(rs.getObject("id", UUID.class),
            rs.getObject("account_id", UUID.class), rs.getString("account_path"), rs.getString("status_before"),
            rs.getString("status_after"), rs.getObject("episode_id", UUID.class));

    public List<Moved> suspend(Caller caller, Collection<Target> targets) {
        if (targets.isEmpty()) {
            return List.of();
        }
        List<Target> own = targets.stream().filter(t -> !t.belowBuyer()).toList();
        List<Target> below = targets.stream().filter(Target::belowBuyer).toList();
        Timestamp now = Timestamp.from(clock.instant());
        List<Moved> moved = new ArrayList<>();
        if (!own.isEmpty()) {
            moved.addAll(jdbc.sql("""
                            UPDATE subscription s SET status_before_suspension = s.status, status = 'SUSPENDED',
                                   dunning_episode_id = t.episode, version = s.version + 1, updated_at = :now
                            FROM unnest(CAST(:episodes AS uuid[]), CAST(:vendors AS uuid[]), CAST(:buyers AS uuid[]))
                                 AS t(episode, vendor, buyer)
                            WHERE s.account_id = t.buyer AND s.vendor_id = t.vendor
                              AND s.status IN ('ACTIVE', 'PENDING')
                            RETURNING s.id, s.account_id, s.account_path, s.status_before_suspension AS status_before,
                                      s.status AS status_after, t.episode AS episode_id""")
                    .param("episodes", own.stream().map(Target::episodeId).toArray(UUID[]::new))
                    .param("vendors", own.stream().map(Target::vendorId).toArray(UUID[]::new))
                    .param("buyers", own.stream().map(Target::buyerId).toArray(UUID[]::new))
                    .param("now", now).query(MOVED).list());
        }
        if (!below.isEmpty()) {
            // the accounts below a reseller: every subscription whose account's path lies under the reseller's
            moved.addAll(jdbc.sql("""
                            UPDATE subscription s SET status_before_suspension = s.status, status = 'SUSPENDED',
                                   dunning_episode_id = t.episode, version = s.version + 1, updated_at = :now
                            FROM unnest(CAST(:episodes AS uuid[]), CAST(:paths AS text[])) AS t(episode, path)
                            WHERE s.account_path LIKE t.path || '_%' AND s.status IN ('ACTIVE', 'PENDING')
                            RETURNING s.id, s.account_id, s.account_path, s.status_before_suspension AS status_before,
                                      s.status AS status_after, t.episode AS episode_id""")
                    .param("episodes", below.stream().map(Target::episodeId).toArray(UUID[]::new))
                    .param("paths", below.stream().map(Target::buyerPath).toArray(String[]::new))
                    .param("now", now).query(MOVED).list());
        }
        follow(caller, moved, "subscription.suspended-for-dunning", SubscriptionsChanged.Change.SUSPENDED);
        return moved;
    }

    public List<Moved> lift(Caller caller, Collection<UUID> episodeIds) {
        if (episodeIds.isEmpty()) {
            return List.of();
        }
        // a subscription whose account is suspended meanwhile stays suspended, now with its account: the account's
        // resumption restores it
        List<Moved> moved = jdbc.sql("""
                        UPDATE subscription s SET
                               status = CASE WHEN a.status <> 'ACTIVE' THEN 'SUSPENDED'
                                             WHEN s.status_before_suspension = 'PENDING' AND s.start_date <= :today
                                                  AND (s.purpose = 'RESALE' OR s.provisioned_at IS NOT NULL)
                                             THEN 'ACTIVE' ELSE s.status_before_suspension END,
                               status_before_suspension = CASE WHEN a.status <> 'ACTIVE'
                                                               THEN s.status_before_suspension END,
                               suspended_with_account = a.status <> 'ACTIVE',
                               dunning_episode_id = NULL, version = s.version + 1, updated_at = :now
                        FROM account_tree a, unnest(CAST(:episodes AS uuid[])) AS e(id)
                        WHERE s.dunning_episode_id = e.id AND s.status = 'SUSPENDED' AND a.id = s.account_id
                        RETURNING s.id, s.account_id, s.account_path, 'SUSPENDED' AS status_before,
                                  s.status AS status_after, e.id AS episode_id""")
                .param("episodes", episodeIds.toArray(UUID[]::new)).param("now", Timestamp.from(clock.instant()))
                .param("today", Date.valueOf(LocalDate.now(clock))).query(MOVED).list();
        follow(caller, moved, "subscription.resumed-after-dunning", SubscriptionsChanged.Change.RESUMED);
        return moved;
    }

    private void follow(Caller caller, List<Moved> moved, String action, SubscriptionsChanged.Change change) {
        if (moved.isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        List<UUID> ids = moved.stream().map(Moved::id).toList();
        subscriptions.recordTermsOfAll(ids, today, clock.instant());
        List<AuditRecord> records = new ArrayList<>(moved.size());
        for (Moved m : moved) {
            records.add(new AuditRecord(caller, m.accountId(), m.path(), action,
                    Map.of("status", m.before(), "subscriptionId", m.id()),
                    Map.of("status", m.after(), "subscriptionId", m.id(), "reason", "DUNNING",
                            "dunningEpisodeId", m.episodeId(), "effectiveDate", today.toString())));
        }
        audit.recordAll(records);
        // one still suspended with its account did not resume
        List<SubscriptionsChanged.Changed> changed = moved.stream().filter(m -> !m.before().equals(m.after()))
                .map(m -> new SubscriptionsChanged.Changed(m.id(), m.accountId())).toList();
        if (!changed.isEmpty()) {
            events.publishEvent(new SubscriptionsChanged(change, changed));
        }
        // the services follow after the commit, durably, as with an account's suspension
        events.publishEvent(SubscriptionsMovedWithAccounts.of(ids, caller));
    }
}
