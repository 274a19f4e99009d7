package io.cascade.billing.internal;

import io.cascade.billing.api.BalanceSummary;
import io.cascade.billing.api.PaymentMethod;
import io.cascade.billing.api.PaymentView;
import io.cascade.billing.api.RefundView;
import io.cascade.billing.api.StatementView;
import io.cascade.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * payment, payment_allocation, credit_refund, invoice_write_off, payment_return and buyer_balance (ADR 0027, 0030).
 * Every change of a pair's money first locks the pair's balance row ({@link #lockCredit}), then the invoices it
 * touches: one order for every writer, so that two never wait on each other in a cycle.
 */
@Repository
public class BalanceStore {
    private final JdbcClient jdbc;

    BalanceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An issuer-buyer pair in one currency. */
    public record Pair(UUID issuerId, UUID buyerId, String currency) {
    }

    /** Creates the pair's balance row if needed and locks it until the transaction ends; answers its credit. */
    public BigDecimal lockCredit(Pair pair, Instant now) {
        jdbc.sql("""
                        INSERT INTO buyer_balance (issuer_id, buyer_id, currency, credit, updated_at)
                        VALUES (:issuer, :buyer, :currency, 0, :now) ON CONFLICT DO NOTHING""")
                .param("issuer", pair.issuerId()).param("buyer", pair.buyerId()).param("currency", pair.currency())
                .param("now", Timestamp.from(now)).update();
        return jdbc.sql("""
                        SELECT credit FROM buyer_balance
                        WHERE issuer_id = :issuer AND buyer_id = :buyer AND currency = :currency FOR UPDATE""")
                .param("issuer", pair.issuerId()).param("buyer", pair.buyerId()).param("currency", pair.currency())
                .query(BigDecimal.class).single();
    }

    public void addCredit(Pair pair, BigDecimal delta, Instant now) {
        jdbc.sql("""
                        UPDATE buyer_balance SET credit = credit + :delta, updated_at = :now
                        WHERE issuer_id = :issuer AND buyer_id = :buyer AND currency = :currency""")
                .param("delta", delta).param("now", Timestamp.from(now)).param("issuer", pair.issuerId())
                .param("buyer", pair.buyerId()).param("currency", pair.currency()).update();
    }

    /** The currencies the pair's documents and balance rows are in. */
    public List<String> currencies(UUID issuerId, UUID buyerId) {
        return jdbc.sql("""
                        SELECT currency FROM invoice WHERE issuer_id = :issuer AND buyer_id = :buyer
                        UNION SELECT currency FROM buyer_balance WHERE issuer_id = :issuer AND buyer_id = :buyer
                        ORDER BY 1""")
                .param("issuer", issuerId).param("buyer", buyerId).query(String.class).list();
    }

    /** The pair's open invoices, oldest due first (then issue day and number), locked. */
    public List<Due> openInvoices(Pair pair) {
        return jdbc.sql("""
                        SELECT id, number, total - paid + credited - written_off AS due FROM invoice
                        WHERE issuer_id = :issuer AND buyer_id = :buyer AND currency = :currency AND kind = 'INVOICE'
                          AND status = 'OPEN'
                        ORDER BY due_date, issue_date, number FOR UPDATE""")
                .param("issuer", pair.issuerId()).param("buyer", pair.buyerId()).param("currency", pair.currency())
                .query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getString("number"),
                        rs.getBigDecimal("due"))).list();
    }

    /** The materialized paths of these accounts (absent: no such account). */
    public Map<UUID, String> paths(Collection<UUID> ids) {
        Map<UUID, String> result = new HashMap<>();
        jdbc.sql("SELECT id, path FROM account_tree WHERE id = ANY(:ids)")
                .param("ids", ids.toArray(UUID[]::new))
                .query(rs -> {
                    result.put(rs.getObject("id", UUID.class), rs.getString("path"));
                });
        return result;
    }

    /** {@link #lockCredit} for many pairs of one issuer at once, locked in one order (buyer, currency). */
    public Map<Pair, BigDecimal> lockCredits(List<Pair> pairs, Instant now) {
        UUID[] issuers = pairs.stream().map(Pair::issuerId).toArray(UUID[]::new);
        UUID[] buyers = pairs.stream().map(Pair::buyerId).toArray(UUID[]::new);
        String[] currencies = pairs.stream().map(Pair::currency).toArray(String[]::new);
        jdbc.sql("""
                        INSERT INTO buyer_balance (issuer_id, buyer_id, currency, credit, updated_at)
                        SELECT u.issuer, u.buyer, u.currency, 0, :now
                        FROM unnest(CAST(:issuers AS uuid[]), CAST(:buyers AS uuid[]), CAST(:currencies AS text[]))
                             AS u(issuer, buyer, currency)
                        ORDER BY u.issuer, u.buyer, u.currency
                        ON CONFLICT DO NOTHING""")
                .param("issuers", issuers).param("buyers", buyers).param("currencies", currencies)
                .param("now", Timestamp.from(now)).update();
        Map<Pair, BigDecimal> credits = new HashMap<>();
        jdbc.sql("""
                        SELECT b.issuer_id, b.buyer_id, b.currency, b.credit FROM buyer_balance b
                        JOIN unnest(CAST(:issuers AS uuid[]), CAST(:buyers AS uuid[]), CAST(:currencies AS text[]))
                             AS u(issuer, buyer, currency)
                          ON b.issuer_id = u.issuer AND b.buyer_id = u.buyer AND b.currency = u.currency
                        ORDER BY b.issuer_id, b.buyer_id, b.currency FOR UPDATE OF b""")
                .param("issuers", issuers).param("buyers", buyers).param("currencies", currencies)
                .query(rs -> {
                    credits.put(new Pair(rs.getObject("issuer_id", UUID.class), rs.getObject("buyer_id", UUID.class),
                            rs.getString("currency").strip()), rs.getBigDecimal("credit"));
                });
        return credits;
    }

    /** An invoice locked for a payment, with what is due on it. */
    public record LockedInvoice(UUID id, String number, String kind, UUID issuerId, UUID buyerId, String currency,
                                String status, BigDecimal due) {
    }

    /** Locks these invoices (in id order) and answers them with what is due. */
    public Map<UUID, LockedInvoice> lockInvoices(Collection<UUID> ids) {
        Map<UUID, LockedInvoice> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT id, number, kind, issuer_id, buyer_id, currency, status,
                               total - paid + credited - written_off AS due
                        FROM invoice WHERE id = ANY(:ids) ORDER BY id FOR UPDATE""")
                .param("ids", ids.toArray(UUID[]::new))
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    result.put(id, new LockedInvoice(id, rs.getString("number"), rs.getString("kind"),
                            rs.getObject("issuer_id", UUID.class), rs.getObject("buyer_id", UUID.class),
                            rs.getString("currency").strip(), rs.getString("status"), rs.getBigDecimal("due")));
                });
        return result;
    }

    /**
     * Writes many payments of one issuer with their explicit allocations, set-based: the payments, the allocations,
     * the invoices' payment state (summed per invoice). Credits follow with {@link #addCredits}.
     */
    public void insertPayments(List<UUID> ids, UUID issuerId, String issuerPath, Map<UUID, String> buyerPaths,
                               List<io.cascade.billing.api.ReceivedPayment> payments, UUID by, Instant now) {
        int n = payments.size();
        UUID[] buyers = new UUID[n];
        String[] paths = new String[n];
        String[] currencies = new String[n];
        BigDecimal[] amounts = new BigDecimal[n];
        Date[] days = new Date[n];
        String[] references = new String[n];
        String[] methods = new String[n];
        List<UUID> allocationIds = new ArrayList<>();
        List<UUID> allocationPayments = new ArrayList<>();
        List<UUID> allocationInvoices = new ArrayList<>();
        List<UUID> allocationBuyers = new ArrayList<>();
        List<String> allocationCurrencies = new ArrayList<>();
        List<BigDecimal> allocationAmounts = new ArrayList<>();
        Map<UUID, BigDecimal> perInvoice = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            io.cascade.billing.api.ReceivedPayment p = payments.get(i);
            buyers[i] = p.buyerId();
            paths[i] = buyerPaths.get(p.buyerId());
            currencies[i] = p.amount().currency().getCurrencyCode();
            amounts[i] = p.amount().amount();
            days[i] = Date.valueOf(p.paidOn());
            references[i] = p.reference();
            methods[i] = (p.method() == null ? PaymentMethod.BANK_TRANSFER : p.method()).name();
            for (var a : p.allocations()) {
                allocationIds.add(TimeOrderedIds.next());
                allocationPayments.add(ids.get(i));
                allocationInvoices.add(a.invoiceId());
                allocationBuyers.add(p.buyerId());
                allocationCurrencies.add(currencies[i]);
                allocationAmounts.add(a.amount().amount());
                perInvoice.merge(a.invoiceId(), a.amount().amount(), BigDecimal::add);
            }
        }
        Timestamp at = Timestamp.from(now);
        jdbc.sql("""
                        INSERT INTO payment (id, issuer_id, issuer_path, buyer_id, buyer_path, currency, amount,
                                             paid_on, reference, method, recorded_by, created_at)
                        SELECT u.id, :issuer, :issuerPath, u.buyer, u.path, u.currency, u.amount, u.day, u.reference,
                               u.method, :by, :now
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:buyers AS uuid[]), CAST(:paths AS text[]),
                                    CAST(:currencies AS text[]), CAST(:amounts AS numeric[]), CAST(:days AS date[]),
                                    CAST(:references AS text[]), CAST(:methods AS text[]))
                             AS u(id, buyer, path, currency, amount, day, reference, method)""")
                .param("issuer", issuerId).param("issuerPath", issuerPath).param("by", by).param("now", at)
                .param("ids", ids.toArray(UUID[]::new)).param("buyers", buyers).param("paths", paths)
                .param("currencies", currencies).param("amounts", amounts).param("days", days)
                .param("references", references).param("methods", methods).update();
        if (allocationIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO payment_allocation (id, invoice_id, issuer_id, buyer_id, currency, amount,
                                                        payment_id, source, recorded_by, created_at)
                        SELECT u.id, u.invoice, :issuer, u.buyer, u.currency, u.amount, u.payment, 'PAYMENT', :by,
                               :now
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:invoices AS uuid[]), CAST(:buyers AS uuid[]),
                                    CAST(:currencies AS text[]), CAST(:amounts AS numeric[]),
                                    CAST(:payments AS uuid[]))
                             AS u(id, invoice, buyer, currency, amount, payment)""")
                .param("issuer", issuerId).param("by", by).param("now", at)
                .param("ids", allocationIds.toArray(UUID[]::new))
                .param("invoices", allocationInvoices.toArray(UUID[]::new))
                .param("buyers", allocationBuyers.toArray(UUID[]::new))
                .param("currencies", allocationCurrencies.toArray(String[]::new))
                .param("amounts", allocationAmounts.toArray(BigDecimal[]::new))
                .param("payments", allocationPayments.toArray(UUID[]::new)).update();
        settle(new ArrayList<>(perInvoice.keySet()), new ArrayList<>(perInvoice.values()));
    }

    /** Adds to each pair's credit (rows locked before with {@link #lockCredits}); zero deltas are left alone. */
    public void addCredits(Map<Pair, BigDecimal> deltas, Instant now) {
        List<Map.Entry<Pair, BigDecimal>> changed = deltas.entrySet().stream().filter(e -> e.getValue().signum() != 0)
                .toList();
        if (changed.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE buyer_balance b SET credit = b.credit + u.delta, updated_at = :now
                        FROM unnest(CAST(:issuers AS uuid[]), CAST(:buyers AS uuid[]), CAST(:currencies AS text[]),
                                    CAST(:deltas AS numeric[])) AS u(issuer, buyer, currency, delta)
                        WHERE b.issuer_id = u.issuer AND b.buyer_id = u.buyer AND b.currency = u.currency""")
                .param("issuers", changed.stream().map(e -> e.getKey().issuerId()).toArray(UUID[]::new))
                .param("buyers", changed.stream().map(e -> e.getKey().buyerId()).toArray(UUID[]::new))
                .param("currencies", changed.stream().map(e -> e.getKey().currency()).toArray(String[]::new))
                .param("deltas", changed.stream().map(Map.Entry::getValue).toArray(BigDecimal[]::new))
                .param("now", Timestamp.from(now)).update();
    }

    /** The issuer's open invoices with something due, oldest due first (the partial index invoice_open_due). */
    public List<io.cascade.billing.api.OpenInvoice> openInvoicesOf(UUID issuerId) {
        return jdbc.sql("""
                        SELECT id, number, buyer_id, issue_date, due_date, currency,
                               total - paid + credited - written_off AS due
                        FROM invoice
                        WHERE issuer_id = :issuer AND kind = 'INVOICE' AND status = 'OPEN'
                          AND total - paid + credited - written_off > 0
                        ORDER BY due_date, issue_date, number""")
                .param("issuer", issuerId)
                .query((rs, n) -> new io.cascade.billing.api.OpenInvoice(rs.getObject("id", UUID.class),
                        rs.getString("number"), rs.getObject("buyer_id", UUID.class),
                        rs.getDate("issue_date").toLocalDate(), rs.getDate("due_date").toLocalDate(),
                        new Money(rs.getBigDecimal("due"),
                        Currency.getInstance(rs.getString("currency"))))).list();
    }

    /** An open invoice and what is due on it. */
    public record Due(UUID invoiceId, String number, BigDecimal due) {
    }

    public void insertPayment(UUID id, Pair pair, String issuerPath, String buyerPath, UUID invoiceId,
                              BigDecimal amount, LocalDate paidOn, String reference, PaymentMethod method, UUID by,
                              Instant now) {
        jdbc.sql("""
                        INSERT INTO payment (id, issuer_id, issuer_path, buyer_id, buyer_path, currency, invoice_id,
                                             amount, paid_on, reference, method, recorded_by, created_at)
                        VALUES (:id, :issuer, :issuerPath, :buyer, :buyerPath, :currency, :invoice, :amount, :on,
                                :reference, :method, :by, :now)""")
                .param("id", id).param("issuer", pair.issuerId()).param("issuerPath", issuerPath)
                .param("buyer", pair.buyerId()).param("buyerPath", buyerPath).param("currency", pair.currency())
                .param("invoice", invoiceId).param("amount", amount).param("on", Date.valueOf(paidOn))
                .param("reference", reference).param("method", method.name()).param("by", by)
                .param("now", Timestamp.from(now)).update();
    }

    /** Where an allocation's money came from ({@code UNALLOCATE}: taken back from the invoice to the credit). */
    public enum Source {
        PAYMENT, CREDIT, RUN, UNALLOCATE, RETURN
    }

    /** Records the allocation and moves the invoice's {@code paid} (and its status) by the amount. */
    public void allocate(Pair pair, UUID invoiceId, BigDecimal amount, UUID paymentId, Source source, UUID by,
                         Instant now) {
        jdbc.sql("""
                        INSERT INTO payment_allocation (id, invoice_id, issuer_id, buyer_id, currency, amount,
                                                        payment_id, source, recorded_by, created_at)
                        VALUES (:id, :invoice, :issuer, :buyer, :currency, :amount, :payment, :source, :by, :now)""")
                .param("id", TimeOrderedIds.next()).param("invoice", invoiceId).param("issuer", pair.issuerId())
                .param("buyer", pair.buyerId()).param("currency", pair.currency()).param("amount", amount)
                .param("payment", paymentId).param("source", source.name()).param("by", by)
                .param("now", Timestamp.from(now)).update();
        settle(List.of(invoiceId), List.of(amount));
    }

    private void settle(List<UUID> invoiceIds, List<BigDecimal> amounts) {
        jdbc.sql("""
                        UPDATE invoice i SET paid = i.paid + u.amount,
                               status = CASE WHEN i.total - (i.paid + u.amount) + i.credited - i.written_off > 0
                                                  THEN 'OPEN'
                                             WHEN i.written_off > 0 THEN 'UNCOLLECTIBLE'
                                             WHEN i.paid + u.amount = 0 THEN 'VOID' ELSE 'PAID' END
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:amounts AS numeric[])) AS u(id, amount)
                        WHERE i.id = u.id""")
                .param("ids", invoiceIds.toArray(UUID[]::new)).param("amounts", amounts.toArray(BigDecimal[]::new))
                .update();
    }

    // ------------------------------------------------------------------------------------------ returns (ADR 0030)

    /** An invoice and an amount paid of it: by a payment ({@link #paidBy}) or by anything ({@link #paidInvoices}). */
    public record Paid(UUID invoiceId, String number, BigDecimal amount) {
    }

    /**
     * What the payment still pays of each invoice (its allocations, at most what the invoice has paid now), written-off
     * invoices left out; the invoices locked, in the order the payment paid them.
     */
    public List<Paid> paidBy(UUID paymentId) {
        return jdbc.sql("""
                        SELECT i.id, i.number, least(a.amount, i.paid) AS amount FROM invoice i
                        JOIN (SELECT invoice_id, sum(amount) AS amount, min(created_at) AS first
                              FROM payment_allocation WHERE payment_id = :payment GROUP BY invoice_id) a
                          ON a.invoice_id = i.id
                        WHERE i.status <> 'UNCOLLECTIBLE' AND least(a.amount, i.paid) > 0
                        ORDER BY a.first, i.number FOR UPDATE OF i""")
                .param("payment", paymentId)
                .query((rs, n) -> new Paid(rs.getObject("id", UUID.class), rs.getString("number"),
                        rs.getBigDecimal("amount"))).list();
    }

    /** The pair's invoices with something paid (not written off), newest due first, locked. */
    public List<Paid> paidInvoices(Pair pair) {
        return jdbc.sql("""
                        SELECT id, number, paid AS amount FROM invoice
                        WHERE issuer_id = :issuer AND buyer_id = :buyer AND currency = :currency AND kind = 'INVOICE'
                          AND status IN ('OPEN', 'PAID') AND paid > 0
                        ORDER BY due_date DESC, issue_date DESC, number DESC FOR UPDATE""")
                .param("issuer", pair.issuerId()).param("buyer", pair.buyerId()).param("currency", pair.currency())
                .query((rs, n) -> new Paid(rs.getObject("id", UUID.class), rs.getString("number"),
                        rs.getBigDecimal("amount"))).list();
    }

    /** The issuer's open invoices to these buyers in the currency, due on or before the day, oldest due first. */
    public List<io.cascade.billing.api.OpenInvoice> openInvoices(UUID issuerId, Collection<UUID> buyerIds,
                                                                 String currency, LocalDate dueBy) {
        Currency c = Currency.getInstance(currency);
        return jdbc.sql("""
                        SELECT id, number, buyer_id, issue_date, due_date, total - paid + credited - written_off AS due
                        FROM invoice
                        WHERE issuer_id = :issuer AND buyer_id = ANY(:buyers) AND currency = :currency
                          AND kind = 'INVOICE' AND status = 'OPEN' AND due_date <= :dueBy
                          AND total - paid + credited - written_off > 0
                        ORDER BY buyer_id, due_date, issue_date, number""")
                .param("issuer", issuerId).param("buyers", buyerIds.toArray(UUID[]::new)).param("currency", currency)
                .param("dueBy", Date.valueOf(dueBy))
                .query((rs, n) -> new io.cascade.billing.api.OpenInvoice(rs.getObject("id", UUID.class),
                        rs.getString("number"), rs.getObject("buyer_id", UUID.class),
                        rs.getDate("issue_date").toLocalDate(), rs.getDate("due_date").toLocalDate(),
                        new Money(rs.getBigDecimal("due"), c))).list();
    }

    public boolean returned(UUID paymentId) {
        return jdbc.sql("SELECT count(*) FROM payment_return WHERE payment_id = :payment")
                .param("payment", paymentId).query(Long.class).single() > 0;
    }

    public void insertReturn(UUID id, UUID paymentId, Pair pair, BigDecimal amount, LocalDate on, String reason,
                             UUID by, Instant now) {
        jdbc.sql("""
                        INSERT INTO payment_return (id, payment_id, issuer_id, buyer_id, currency, amount, returned_on,
                                                    reason, recorded_by, created_at)
                        VALUES (:id, :payment, :issuer, :buyer, :currency, :amount, :on, :reason, :by, :now)""")
                .param("id", id).param("payment", paymentId).param("issuer", pair.issuerId())
                .param("buyer", pair.buyerId()).param("currency", pair.currency()).param("amount", amount)
                .param("on", Date.valueOf(on)).param("reason", reason).param("by", by)
                .param("now", Timestamp.from(now)).update();
    }

    public void insertRefund(UUID id, Pair pair, String issuerPath, String buyerPath, BigDecimal amount,
                             LocalDate on, String reference, PaymentMethod method, UUID by, Instant now) {
        jdbc.sql("""
                        INSERT INTO credit_refund (id, issuer_id, issuer_path, buyer_id, buyer_path, currency, amount,
                                                   refunded_on, reference, method, recorded_by, created_at)
                        VALUES (:id, :issuer, :issuerPath, :buyer, :buyerPath, :currency, :amount, :on, :reference,
                                :method, :by, :now)""")
                .param("id", id).param("issuer", pair.issuerId()).param("issuerPath", issuerPath)
                .param("buyer", pair.buyerId()).param("buyerPath", buyerPath).param("currency", pair.currency())
                .param("amount", amount).param("on", Date.valueOf(on)).param("reference", reference)
                .param("method", method.name()).param("by", by).param("now", Timestamp.from(now)).update();
    }

    /** Records the write-off of all that is due and makes the invoice UNCOLLECTIBLE. */
    public void writeOff(UUID id, Pair pair, UUID invoiceId, BigDecimal amount, LocalDate on, String reason, UUID by,
                         Instant now) {
        jdbc.sql("""
                        INSERT INTO invoice_write_off (id, invoice_id, issuer_id, buyer_id, currency, amount,
                                                       written_on, reason, recorded_by, created_at)
                        VALUES (:id, :invoice, :issuer, :buyer, :currency, :amount, :on, :reason, :by, :now)""")
                .param("id", id).param("invoice", invoiceId).param("issuer", pair.issuerId())
                .param("buyer", pair.buyerId()).param("currency", pair.currency()).param("amount", amount)
                .param("on", Date.valueOf(on)).param("reason", reason).param("by", by)
                .param("now", Timestamp.from(now)).update();
        jdbc.sql("UPDATE invoice SET written_off = written_off + :amount, status = 'UNCOLLECTIBLE' WHERE id = :id")
                .param("amount", amount).param("id", invoiceId).update();
    }

    // ------------------------------------------------------------------------------------------ billing runs

    /**
     * After a run's chunk issued these documents: a credit note not against an invoice adds to its buyer's credit,
     * and an open invoice whose pair has credit is paid from it — set-based, with one query that finds nothing for
     * the usual chunk in which no buyer has credit.
     */
    public void applyCredit(Collection<UUID> documentIds, Instant now) {
        if (documentIds.isEmpty()) {
            return;
        }
        UUID[] ids = documentIds.toArray(UUID[]::new);
        Timestamp at = Timestamp.from(now);
        jdbc.sql("""
                        INSERT INTO buyer_balance (issuer_id, buyer_id, currency, credit, updated_at)
                        SELECT issuer_id, buyer_id, currency, -sum(total), :now FROM invoice
                        WHERE id = ANY(:ids) AND kind = 'CREDIT_NOTE' AND credited_invoice_id IS NULL
                        GROUP BY issuer_id, buyer_id, currency HAVING sum(total) < 0
                        ORDER BY issuer_id, buyer_id, currency
                        ON CONFLICT (issuer_id, buyer_id, currency)
                        DO UPDATE SET credit = buyer_balance.credit + EXCLUDED.credit, updated_at = EXCLUDED.updated_at""")
                .param("ids", ids).param("now", at).update();
        Map<Pair, BigDecimal> credit = new LinkedHashMap<>();
        List<Object[]> open = new ArrayList<>();
        jdbc.sql("""
                        SELECT i.id, i.issuer_id, i.buyer_id, i.currency, i.total - i.paid + i.credited - i.written_off
                               AS due, b.credit
                        FROM invoice i JOIN buyer_balance b ON b.issuer_id = i.issuer_id AND b.buyer_id = i.buyer_id
                                                            AND b.currency = i.currency AND b.credit > 0
                        WHERE i.id = ANY(:ids) AND i.kind = 'INVOICE' AND i.status = 'OPEN'
                        ORDER BY i.issuer_id, i.buyer_id, i.currency, i.due_date, i.number
                        FOR UPDATE OF b""")
                .param("ids", ids)
                .query(rs -> {
                    Pair pair = new Pair(rs.getObject("issuer_id", UUID.class), rs.getObject("buyer_id", UUID.class),
                            rs.getString("currency"));
                    credit.putIfAbsent(pair, rs.getBigDecimal("credit"));
                    open.add(new Object[]{rs.getObject("id", UUID.class), pair, rs.getBigDecimal("due")});
                });
        if (open.isEmpty()) {
            return;
        }
        List<UUID> invoices = new ArrayList<>();
        List<BigDecimal> amounts = new ArrayList<>();
        List<UUID> allocationIds = new ArrayList<>();
        List<UUID> issuers = new ArrayList<>();
        List<UUID> buyers = new ArrayList<>();
        List<String> currencies = new ArrayList<>();
        for (Object[] row : open) {
            Pair pair = (Pair) row[1];
            BigDecimal left = credit.get(pair);
            BigDecimal amount = left.min((BigDecimal) row[2]);
            if (amount.signum() <= 0) {
                continue;
            }
            credit.put(pair, left.subtract(amount));
            invoices.add((UUID) row[0]);
            amounts.add(amount);
            allocationIds.add(TimeOrderedIds.next());
            issuers.add(pair.issuerId());
            buyers.add(pair.buyerId());
            currencies.add(pair.currency());
        }
        if (invoices.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO payment_allocation (id, invoice_id, issuer_id, buyer_id, currency, amount, source,
                                                        created_at)
                        SELECT u.id, u.invoice, u.issuer, u.buyer, u.currency, u.amount, 'RUN', :now
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:invoices AS uuid[]), CAST(:issuers AS uuid[]),
                                    CAST(:buyers AS uuid[]), CAST(:currencies AS text[]), CAST(:amounts AS numeric[]))
                             AS u(id, invoice, issuer, buyer, currency, amount)""")
                .param("ids", allocationIds.toArray(UUID[]::new)).param("invoices", invoices.toArray(UUID[]::new))
                .param("issuers", issuers.toArray(UUID[]::new)).param("buyers", buyers.toArray(UUID[]::new))
                .param("currencies", currencies.toArray(String[]::new))
                .param("amounts", amounts.toArray(BigDecimal[]::new)).param("now", at).update();
        settle(invoices, amounts);
        jdbc.sql("""
                        UPDATE buyer_balance b SET credit = b.credit - u.amount, updated_at = :now
                        FROM (SELECT issuer, buyer, currency, sum(amount) AS amount
                              FROM unnest(CAST(:issuers AS uuid[]), CAST(:buyers AS uuid[]), CAST(:currencies AS text[]),
                                          CAST(:amounts AS numeric[])) AS x(issuer, buyer, currency, amount)
                              GROUP BY 1, 2, 3) u
                        WHERE b.issuer_id = u.issuer AND b.buyer_id = u.buyer AND b.currency = u.currency""")
                .param("issuers", issuers.toArray(UUID[]::new)).param("buyers", buyers.toArray(UUID[]::new))
                .param("currencies", currencies.toArray(String[]::new))
                .param("amounts", amounts.toArray(BigDecimal[]::new)).param("now", at).update();
    }

    // ----------------------------------------------------------------------------------------------- reads

    private static final String PAYMENT_COLUMNS = """
            id, issuer_id, buyer_id, currency, amount, paid_on, reference, method, invoice_id, created_at,
            issuer_path, buyer_path""";

    /** A payment with the paths of its pair (for the subtree rule). */
    public record StoredPayment(PaymentView view, String issuerPath, String buyerPath) {
    }

    public Optional<StoredPayment> payment(UUID id) {
        return withAllocations(jdbc.sql("SELECT " + PAYMENT_COLUMNS + " FROM payment WHERE id = :id")
                .param("id", id).query(BalanceStore::paymentRow).list()).stream().findFirst();
    }

    /** The pair's payments, newest first; {@code after}: "paidOn|id" of the last seen. */
    public List<StoredPayment> payments(UUID issuerId, UUID buyerId, String[] after, int limit) {
        return withAllocations(jdbc.sql("SELECT " + PAYMENT_COLUMNS + """
                         FROM payment WHERE issuer_id = :issuer AND buyer_id = :buyer
                          AND (CAST(:afterDay AS date) IS NULL
                               OR (paid_on, id) < (CAST(:afterDay AS date), CAST(:afterId AS uuid)))
                        ORDER BY paid_on DESC, id DESC LIMIT :limit""")
                .param("issuer", issuerId).param("buyer", buyerId)
                .param("afterDay", after == null ? null : after[0]).param("afterId", after == null ? null : after[1])
                .param("limit", limit).query(BalanceStore::paymentRow).list());
    }

    private static StoredPayment paymentRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Currency c = Currency.getInstance(rs.getString("currency"));
        return new StoredPayment(new PaymentView(rs.getObject("id", UUID.class), rs.getObject("issuer_id", UUID.class),
                rs.getObject("buyer_id", UUID.class), new Money(rs.getBigDecimal("amount"), c),
                rs.getDate("paid_on").toLocalDate(), rs.getString("reference"),
                PaymentMethod.valueOf(rs.getString("method")), rs.getObject("invoice_id", UUID.class), List.of(),
                null, rs.getTimestamp("created_at").toInstant()), rs.getString("issuer_path"),
                rs.getString("buyer_path"));
    }

    private List<StoredPayment> withAllocations(List<StoredPayment> payments) {
        if (payments.isEmpty()) {
            return payments;
        }
        Map<UUID, List<PaymentView.Allocated>> allocated = new HashMap<>();
        jdbc.sql("""
                        SELECT a.payment_id, a.invoice_id, i.number, a.amount, a.currency FROM payment_allocation a
                        JOIN invoice i ON i.id = a.invoice_id
                        WHERE a.payment_id = ANY(:ids) AND a.source = 'PAYMENT'
                        ORDER BY a.payment_id, a.created_at, a.id""")
                .param("ids", payments.stream().map(p -> p.view().id()).toArray(UUID[]::new))
                .query(rs -> {
                    allocated.computeIfAbsent(rs.getObject("payment_id", UUID.class), k -> new ArrayList<>())
                            .add(new PaymentView.Allocated(rs.getObject("invoice_id", UUID.class),
                                    rs.getString("number"), new Money(rs.getBigDecimal("amount"),
                                    Currency.getInstance(rs.getString("currency")))));
                });
        return payments.stream().map(p -> {
            PaymentView v = p.view();
            List<PaymentView.Allocated> a = List.copyOf(allocated.getOrDefault(v.id(), List.of()));
            BigDecimal rest = v.amount().amount();
            for (PaymentView.Allocated x : a) {
                rest = rest.subtract(x.amount().amount());
            }
            return new StoredPayment(new PaymentView(v.id(), v.issuerAccountId(), v.buyerAccountId(), v.amount(),
                    v.paidOn(), v.reference(), v.method(), v.invoiceId(), a, new Money(rest, v.amount().currency()),
                    v.createdAt()), p.issuerPath(), p.buyerPath());
        }).toList();
    }

    /** The pair's entries in date order (then the order they were recorded in), amounts signed. */
    public List<Object[]> entries(Pair pair) {
        return jdbc.sql("""
                        SELECT day, type, id, reference, amount FROM (
                            SELECT issue_date AS day, kind AS type, id, number AS reference, total AS amount,
                                   created_at
                            FROM invoice WHERE issuer_id = :issuer AND buyer_id = :buyer AND currency = :currency
                          UNION ALL
                            SELECT paid_on, 'PAYMENT', id, reference, -amount, created_at FROM payment
                            WHERE issuer_id = :issuer AND buyer_id = :buyer AND currency = :currency
                          UNION ALL
                            SELECT refunded_on, 'REFUND', id, reference, amount, created_at FROM credit_refund
                            WHERE issuer_id = :issuer AND buyer_id = :buyer AND currency = :currency
                          UNION ALL
                            SELECT returned_on, 'RETURN', id, reason, amount, created_at FROM payment_return
                            WHERE issuer_id = :issuer AND buyer_id = :buyer AND currency = :currency
                          UNION ALL
                            SELECT w.written_on, 'WRITE_OFF', w.id, i.number, -w.amount, w.created_at
                            FROM invoice_write_off w JOIN invoice i ON i.id = w.invoice_id
                            WHERE w.issuer_id = :issuer AND w.buyer_id = :buyer AND w.currency = :currency
                        ) e ORDER BY day, created_at, id""")
                .param("issuer", pair.issuerId()).param("buyer", pair.buyerId()).param("currency", pair.currency())
                .query((rs, n) -> new Object[]{rs.getDate("day").toLocalDate(),
                        StatementView.EntryType.valueOf(rs.getString("type")), rs.getObject("id", UUID.class),
                        rs.getString("reference"), rs.getBigDecimal("amount")})
                .list();
    }

    /** The pair's open amounts and credit: {amountDue, credit}. */
    public BigDecimal[] dueAndCredit(Pair pair) {
        BigDecimal due = jdbc.sql("""
                        SELECT coalesce(sum(total - paid + credited - written_off), 0) FROM invoice
                        WHERE issuer_id = :issuer AND buyer_id = :buyer AND currency = :currency AND kind = 'INVOICE'""")
                .param("issuer", pair.issuerId()).param("buyer", pair.buyerId()).param("currency", pair.currency())
                .query(BigDecimal.class).single();
        BigDecimal credit = jdbc.sql("""
                        SELECT coalesce(sum(credit), 0) FROM buyer_balance
                        WHERE issuer_id = :issuer AND buyer_id = :buyer AND currency = :currency""")
                .param("issuer", pair.issuerId()).param("buyer", pair.buyerId()).param("currency", pair.currency())
                .query(BigDecimal.class).single();
        return new BigDecimal[]{due, credit};
    }

    /** The pairs in which the account is the buyer or the issuer, with their balances. */
    public List<BalanceSummary> summaries(UUID accountId, boolean asBuyer) {
        String side = asBuyer ? "buyer_id" : "issuer_id";
        return jdbc.sql("""
                        WITH pairs AS (
                            SELECT issuer_id, buyer_id, currency,
                                   sum(CASE WHEN kind = 'INVOICE' THEN total - paid + credited - written_off ELSE 0 END)
                                       AS due
                            FROM invoice WHERE %1$s = :account GROUP BY 1, 2, 3
                          UNION ALL
                            SELECT issuer_id, buyer_id, currency, 0 FROM buyer_balance WHERE %1$s = :account
                        )
                        SELECT p.issuer_id, ia.company_name AS issuer_name, p.buyer_id, ba.company_name AS buyer_name,
                               p.currency, sum(p.due) AS due, coalesce(max(b.credit), 0) AS credit,
                               max(b.credit_limit) AS credit_limit
                        FROM pairs p
                        JOIN account_tree ia ON ia.id = p.issuer_id JOIN account_tree ba ON ba.id = p.buyer_id
                        LEFT JOIN buyer_balance b ON b.issuer_id = p.issuer_id AND b.buyer_id = p.buyer_id
                                                  AND b.currency = p.currency
                        GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 4, 5""".formatted(side))
                .param("account", accountId)
                .query((rs, n) -> {
                    Currency c = Currency.getInstance(rs.getString("currency"));
                    BigDecimal due = rs.getBigDecimal("due");
                    BigDecimal credit = rs.getBigDecimal("credit");
                    BigDecimal limit = rs.getBigDecimal("credit_limit");
                    return new BalanceSummary(rs.getObject("issuer_id", UUID.class), rs.getString("issuer_name"),
                            rs.getObject("buyer_id", UUID.class), rs.getString("buyer_name"), c.getCurrencyCode(),
                            new Money(due.subtract(credit), c), new Money(due, c), new Money(credit, c),
                            limit == null ? null : new Money(limit, c));
                }).list();
    }

    public Optional<RefundView> refund(UUID id) {
        return jdbc.sql("""
                        SELECT id, issuer_id, buyer_id, currency, amount, refunded_on, reference, method, created_at
                        FROM credit_refund WHERE id = :id""")
                .param("id", id)
                .query((rs, n) -> new RefundView(rs.getObject("id", UUID.class), rs.getObject("issuer_id", UUID.class),
                        rs.getObject("buyer_id", UUID.class), new Money(rs.getBigDecimal("amount"),
                        Currency.getInstance(rs.getString("currency"))), rs.getDate("refunded_on").toLocalDate(),
                        rs.getString("reference"), PaymentMethod.valueOf(rs.getString("method")),
                        rs.getTimestamp("created_at").toInstant())).optional();
    }

    /** The materialized path of an account (the issuer whose brand a statement carries). */
    public String path(UUID id) {
        return jdbc.sql("SELECT path FROM account_tree WHERE id = :id").param("id", id).query(String.class).single();
    }

    /** Company names of these accounts. */
    public Map<UUID, String> names(Collection<UUID> ids) {
        Map<UUID, String> result = new HashMap<>();
        jdbc.sql("SELECT id, company_name FROM account_tree WHERE id = ANY(:ids)")
                .param("ids", ids.toArray(UUID[]::new))
                .query(rs -> {
                    result.put(rs.getObject("id", UUID.class), rs.getString("company_name"));
                });
        return result;
    }

    /** The pair's credit limit (null: none) and its version. */
    public record Limit(BigDecimal limit, long version) {
    }

    public Limit limit(Pair pair) {
        return jdbc.sql("""
                        SELECT credit_limit, limit_version FROM buyer_balance
                        WHERE issuer_id = :issuer AND buyer_id = :buyer AND currency = :currency""")
                .param("issuer", pair.issuerId()).param("buyer", pair.buyerId()).param("currency", pair.currency())
                .query((rs, n) -> new Limit(rs.getBigDecimal("credit_limit"), rs.getLong("limit_version")))
                .optional().orElse(new Limit(null, 0));
    }

    /** Sets the limit on the pair's row (locked by {@link #lockCredit} before); answers the new version. */
    public long setLimit(Pair pair, BigDecimal limit, Instant now) {
        return jdbc.sql("""
                        UPDATE buyer_balance SET credit_limit = :limit, limit_version = limit_version + 1,
                               updated_at = :now
                        WHERE issuer_id = :issuer AND buyer_id = :buyer AND currency = :currency
                        RETURNING limit_version""")
                .param("limit", limit).param("now", Timestamp.from(now)).param("issuer", pair.issuerId())
                .param("buyer", pair.buyerId()).param("currency", pair.currency()).query(Long.class).single();
    }
}
