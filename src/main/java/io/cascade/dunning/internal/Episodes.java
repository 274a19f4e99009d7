package io.cascade.dunning.internal;

import io.cascade.dunning.api.DunningAction;
import io.cascade.dunning.api.DunningPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * dunning_episode and dunning_step, and the set-based statements of the evaluation. What is overdue is read from
 * billing's view {@code billing_open_invoices}: per pair (issuer, buyer) and currency, the oldest due date and the sum
 * due of the open invoices past their due date; a pair's figures are those of the currency of its oldest overdue
 * invoice.
 */
@Repository
public class Episodes {
    /**
     * The overdue pairs, one row each: {@code :today}, and optionally {@code :issuer} and {@code :buyer} (null: all).
     */
    static final String OVERDUE = """
            per_currency AS (
                SELECT issuer_id, buyer_id, currency, min(due_date) AS oldest_due, sum(amount_due) AS amount
                FROM billing_open_invoices
                WHERE due_date < :today AND amount_due > 0
                  AND (CAST(:issuer AS uuid) IS NULL OR (issuer_id = :issuer AND buyer_id = :buyer))
                GROUP BY issuer_id, buyer_id, currency
            ), overdue AS (
                SELECT DISTINCT ON (issuer_id, buyer_id) issuer_id, buyer_id, currency, oldest_due, amount
                FROM per_currency ORDER BY issuer_id, buyer_id, oldest_due, currency
            )""";

    private final JdbcClient jdbc;

    Episodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A pair's overdue figures now. */
    public record Overdue(String currency, LocalDate oldestDue, BigDecimal amount) {
    }

    public Optional<Overdue> overdue(UUID issuerId, UUID buyerId, LocalDate today) {
        return jdbc.sql("WITH " + OVERDUE + " SELECT currency, oldest_due, amount FROM overdue")
                .param("today", Date.valueOf(today)).param("issuer", issuerId).param("buyer", buyerId)
                .query((rs, n) -> new Overdue(rs.getString("currency"), rs.getDate("oldest_due").toLocalDate(),
                        rs.getBigDecimal("amount"))).optional();
    }

    /** Starts an episode for every overdue pair (or the one named) without an open one; answers how many. */
    public int start(LocalDate today, Instant now, UUID issuerId, UUID buyerId) {
        return jdbc.sql("WITH " + OVERDUE + """
                         INSERT INTO dunning_episode (id, issuer_id, issuer_path, buyer_id, buyer_path, buyer_type,
                                                      started_on, created_at)
                         SELECT gen_random_uuid(), o.issuer_id, i.path, o.buyer_id, b.path, b.type, :today, :now
                         FROM overdue o
                         JOIN account_tree b ON b.id = o.buyer_id
                         JOIN account_tree i ON i.id = o.issuer_id
                         WHERE NOT EXISTS (SELECT 1 FROM dunning_episode e
                                           WHERE e.issuer_id = o.issuer_id AND e.buyer_id = o.buyer_id
                                             AND e.ended_on IS NULL)
                         ON CONFLICT (issuer_id, buyer_id) WHERE ended_on IS NULL DO NOTHING""")
                .param("today", Date.valueOf(today)).param("now", Timestamp.from(now))
                .param("issuer", issuerId).param("buyer", buyerId).update();
    }

    /** A step just taken, with its episode's parties. */
    public record Taken(UUID episodeId, int position, UUID buyerId, DunningAction action, int daysOverdue,
                        String currency, BigDecimal overdue, UUID issuerId, String buyerPath, String buyerType) {
    }

    /**
     * Takes every step that is due and not taken yet in the pairs' open episodes, in one statement: the issuer's own
     * steps, or the default policy's for an issuer without a policy. The primary key (episode, position) takes each
     * step once, however often this runs.
     */
    public List<Taken> takeDueSteps(LocalDate today, Instant now, UUID issuerId, UUID buyerId) {
        List<DunningPolicy.Step> defaults = DunningPolicy.DEFAULT.steps();
        Integer[] positions = new Integer[defaults.size()];
        Integer[] days = new Integer[defaults.size()];
        String[] actions = new String[defaults.size()];
        BigDecimal[] minimums = new BigDecimal[defaults.size()];
        for (int i = 0; i < defaults.size(); i++) {
            positions[i] = i + 1;
            days[i] = defaults.get(i).daysOverdue();
            actions[i] = defaults.get(i).action().name();
            minimums[i] = defaults.get(i).minimumAmount();
        }
        return jdbc.sql("WITH " + OVERDUE + """
                        , issuers AS (SELECT DISTINCT issuer_id FROM overdue),
                        steps AS (
                            SELECT ps.issuer_id, ps.position, ps.days_overdue, ps.action, ps.min_amount, ps.minimums
                            FROM dunning_policy_step ps JOIN issuers i ON i.issuer_id = ps.issuer_id
                            UNION ALL
                            SELECT i.issuer_id, d.position, d.days_overdue, d.action, d.min_amount, NULL::jsonb
                            FROM issuers i
                            CROSS JOIN unnest(CAST(:positions AS int[]), CAST(:days AS int[]), CAST(:actions AS text[]),
                                              CAST(:minimums AS numeric[])) AS d(position, days_overdue, action, min_amount)
                            WHERE NOT EXISTS (SELECT 1 FROM dunning_policy p WHERE p.issuer_id = i.issuer_id)
                        ), taken AS (
                            INSERT INTO dunning_step (episode_id, position, buyer_id, action, taken_on, days_overdue,
                                                      currency, overdue_amount, created_at)
                            SELECT e.id, s.position, o.buyer_id, s.action, :today, :today - o.oldest_due, o.currency,
                                   o.amount, :now
                            FROM overdue o
                            JOIN dunning_episode e ON e.issuer_id = o.issuer_id AND e.buyer_id = o.buyer_id
                                                  AND e.ended_on IS NULL
                            JOIN steps s ON s.issuer_id = o.issuer_id
                            WHERE :today - o.oldest_due >= s.days_overdue
                              AND o.amount >= COALESCE(CAST(s.minimums ->> o.currency AS numeric), s.min_amount)
                            ON CONFLICT (episode_id, position) DO NOTHING
                            RETURNING episode_id, position, buyer_id, action, days_overdue, currency, overdue_amount
                        )
                        SELECT t.episode_id, t.position, t.buyer_id, t.action, t.days_overdue, t.currency,
                               t.overdue_amount, e.issuer_id, e.buyer_path, e.buyer_type
                        FROM taken t JOIN dunning_episode e ON e.id = t.episode_id
                        ORDER BY t.buyer_id, t.position""")
                .param("today", Date.valueOf(today)).param("now", Timestamp.from(now))
                .param("issuer", issuerId).param("buyer", buyerId)
                .param("positions", positions).param("days", days).param("actions", actions)
                .param("minimums", minimums)
                .query((rs, n) -> new Taken(rs.getObject("episode_id", UUID.class), rs.getInt("position"),
                        rs.getObject("buyer_id", UUID.class), DunningAction.valueOf(rs.getString("action")),
                        rs.getInt("days_overdue"), rs.getString("currency"), rs.getBigDecimal("overdue_amount"),
                        rs.getObject("issuer_id", UUID.class), rs.getString("buyer_path"),
                        rs.getString("buyer_type")))
                .list();
    }

    public long openCount() {
        return jdbc.sql("SELECT count(*) FROM dunning_episode WHERE ended_on IS NULL").query(Long.class).single();
    }

    /** Which of these buyers of the issuer are in an open episode with it (one statement, for many payments). */
    public List<UUID> inOpenEpisode(UUID issuerId, Collection<UUID> buyerIds) {
        return jdbc.sql("""
                        SELECT buyer_id FROM dunning_episode
                        WHERE issuer_id = :issuer AND buyer_id = ANY(:buyers) AND ended_on IS NULL""")
                .param("issuer", issuerId).param("buyers", buyerIds.toArray(UUID[]::new))
                .query(UUID.class).list();
    }

    public void recordFee(UUID episodeId, int position, UUID invoiceId) {
        jdbc.sql("UPDATE dunning_step SET fee_invoice_id = :invoice WHERE episode_id = :episode AND position = :position")
                .param("invoice", invoiceId).param("episode", episodeId).param("position", position).update();
    }

    /** An episode that ended, with its parties. */
    public record Ended(UUID id, UUID issuerId, UUID buyerId, String buyerPath, LocalDate startedOn) {
    }

    /**
     * Ends the open episodes (all, or the named pair's) of which nothing is overdue any more; answers them. Locks them,
     * so that a payment and the daily evaluation never end one twice.
     */
    public List<Ended> endPaid(LocalDate today, UUID issuerId, UUID buyerId) {
        return jdbc.sql("""
                        UPDATE dunning_episode e SET ended_on = :today
                        WHERE e.ended_on IS NULL
                          AND (CAST(:issuer AS uuid) IS NULL OR (e.issuer_id = :issuer AND e.buyer_id = :buyer))
                          AND NOT EXISTS (SELECT 1 FROM billing_open_invoices b
                                          WHERE b.issuer_id = e.issuer_id AND b.buyer_id = e.buyer_id
                                            AND b.due_date < :today AND b.amount_due > 0)
                        RETURNING e.id, e.issuer_id, e.buyer_id, e.buyer_path, e.started_on""")
                .param("today", Date.valueOf(today)).param("issuer", issuerId).param("buyer", buyerId)
                .query((rs, n) -> new Ended(rs.getObject("id", UUID.class), rs.getObject("issuer_id", UUID.class),
                        rs.getObject("buyer_id", UUID.class), rs.getString("buyer_path"),
                        rs.getDate("started_on").toLocalDate()))
                .list();
    }

    /** An open episode of a reseller whose own services were suspended, waiting for its customers' turn. */
    public record Graced(UUID id, UUID issuerId, UUID buyerId, String buyerPath, LocalDate suspendedOn) {
    }

    public List<Graced> resellersSuspended() {
        return jdbc.sql("""
                        SELECT e.id, e.issuer_id, e.buyer_id, e.buyer_path, s.taken_on
                        FROM dunning_episode e JOIN dunning_step s ON s.episode_id = e.id AND s.action = 'SUSPEND'
                        WHERE e.ended_on IS NULL AND e.buyer_type = 'RESELLER' AND e.customers_suspended_on IS NULL""")
                .query((rs, n) -> new Graced(rs.getObject("id", UUID.class), rs.getObject("issuer_id", UUID.class),
                        rs.getObject("buyer_id", UUID.class), rs.getString("buyer_path"),
                        rs.getDate("taken_on").toLocalDate()))
                .list();
    }

    /** Marks the episodes' customers suspended today; answers the ids marked (not marked before). */
    public List<UUID> markCustomersSuspended(Collection<UUID> episodeIds, LocalDate today) {
        if (episodeIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE dunning_episode SET customers_suspended_on = :today
                        WHERE id = ANY(:ids) AND customers_suspended_on IS NULL AND ended_on IS NULL
                        RETURNING id""")
                .param("ids", episodeIds.toArray(UUID[]::new)).param("today", Date.valueOf(today))
                .query(UUID.class).list();
    }

    /** The accounts below a reseller (its customers and deeper), for their notices. */
    public List<UUID> accountsBelow(String resellerPath) {
        return jdbc.sql("""
                        SELECT id FROM account_tree WHERE path LIKE :path || '_%' AND status <> 'TERMINATED'
                        ORDER BY path""")
                .param("path", resellerPath).query(UUID.class).list();
    }

    /** A blocked open episode that refuses an order: its issuer and buyer. */
    public Optional<UUID[]> blocking(UUID vendorId, UUID buyerId, List<String> ancestorPaths) {
        return jdbc.sql("""
                        SELECT e.issuer_id, e.buyer_id FROM dunning_episode e
                        WHERE e.ended_on IS NULL
                          AND ((e.issuer_id = :vendor AND e.buyer_id = :buyer)
                               OR (e.buyer_path = ANY(:ancestors) AND e.buyer_type = 'RESELLER'))
                          AND EXISTS (SELECT 1 FROM dunning_step s WHERE s.episode_id = e.id
                                                                     AND s.action = 'BLOCK_ORDERS')
                        ORDER BY e.buyer_path LIMIT 1""")
                .param("vendor", vendorId).param("buyer", buyerId)
                .param("ancestors", ancestorPaths.toArray(String[]::new))
                .query((rs, n) -> new UUID[]{rs.getObject("issuer_id", UUID.class), rs.getObject("buyer_id", UUID.class)})
                .optional();
    }

    public Optional<String> pathOf(UUID accountId) {
        return jdbc.sql("SELECT path FROM account_tree WHERE id = :id").param("id", accountId).query(String.class)
                .optional();
    }

    // ------------------------------------------------------------------------------------------------- reads

    /** An episode as stored. */
    public record Episode(UUID id, UUID issuerId, UUID buyerId, String buyerPath, String buyerType,
                          LocalDate startedOn, LocalDate endedOn, LocalDate customersSuspendedOn) {
    }

    private static final String EPISODE_COLUMNS =
            "id, issuer_id, buyer_id, buyer_path, buyer_type, started_on, ended_on, customers_suspended_on";

    private static Episode episode(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Episode(rs.getObject("id", UUID.class), rs.getObject("issuer_id", UUID.class),
                rs.getObject("buyer_id", UUID.class), rs.getString("buyer_path"), rs.getString("buyer_type"),
                rs.getDate("started_on").toLocalDate(),
                rs.getDate("ended_on") == null ? null : rs.getDate("ended_on").toLocalDate(),
                rs.getDate("customers_suspended_on") == null ? null : rs.getDate("customers_suspended_on").toLocalDate());
    }

    /** The pair's open episode, else its latest. */
    public Optional<Episode> latest(UUID issuerId, UUID buyerId) {
        return jdbc.sql("SELECT " + EPISODE_COLUMNS + """
                         FROM dunning_episode WHERE issuer_id = :issuer AND buyer_id = :buyer
                        ORDER BY ended_on IS NULL DESC, started_on DESC, created_at DESC LIMIT 1""")
                .param("issuer", issuerId).param("buyer", buyerId).query(Episodes::episode).optional();
    }

    /** A step taken, as stored. */
    public record Step(int position, DunningAction action, LocalDate takenOn, int daysOverdue, String currency,
                       BigDecimal overdue, UUID feeInvoiceId) {
    }

    public List<Step> steps(UUID episodeId) {
        return jdbc.sql("""
                        SELECT position, action, taken_on, days_overdue, currency, overdue_amount, fee_invoice_id
                        FROM dunning_step WHERE episode_id = :id ORDER BY position""")
                .param("id", episodeId)
                .query((rs, n) -> new Step(rs.getInt("position"), DunningAction.valueOf(rs.getString("action")),
                        rs.getDate("taken_on").toLocalDate(), rs.getInt("days_overdue"), rs.getString("currency"),
                        rs.getBigDecimal("overdue_amount"), rs.getObject("fee_invoice_id", UUID.class)))
                .list();
    }

    /** The issuers the account has been in dunning with, or has anything open with. */
    public List<UUID> issuersOf(UUID buyerId) {
        return jdbc.sql("""
                        SELECT issuer_id FROM dunning_episode WHERE buyer_id = :buyer
                        UNION SELECT issuer_id FROM billing_open_invoices WHERE buyer_id = :buyer
                        ORDER BY 1""")
                .param("buyer", buyerId).query(UUID.class).list();
    }

    /** The issuer's buyers in dunning (open episodes), oldest first; {@code after}: "startedOn|buyerId". */
    public List<Episode> openOfIssuer(UUID issuerId, String[] after, int limit) {
        return jdbc.sql("SELECT " + EPISODE_COLUMNS + """
                         FROM dunning_episode WHERE issuer_id = :issuer AND ended_on IS NULL
                          AND (CAST(:afterDay AS date) IS NULL
                               OR (started_on, buyer_id) > (CAST(:afterDay AS date), CAST(:afterId AS uuid)))
                        ORDER BY started_on, buyer_id LIMIT :limit""")
                .param("issuer", issuerId).param("afterDay", after == null ? null : after[0])
                .param("afterId", after == null ? null : after[1]).param("limit", limit)
                .query(Episodes::episode).list();
    }

    public Optional<String> name(UUID accountId) {
        return jdbc.sql("SELECT company_name FROM account_tree WHERE id = :id").param("id", accountId)
                .query(String.class).optional();
    }
}
