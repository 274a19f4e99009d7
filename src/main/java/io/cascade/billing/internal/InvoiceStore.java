package io.cascade.billing.internal;

import io.cascade.accounts.api.InvoiceFormat;
import io.cascade.billing.api.InvoiceKind;
import io.cascade.billing.api.InvoiceStatus;
import io.cascade.billing.api.InvoiceView;
import io.cascade.shared.Money;
import io.cascade.shared.Price;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * invoice, invoice_line (the billed-charges ledger is on the lines, ADR 0047) and billing_issuer. A batch of invoices
 * is written with one {@code COPY} per table, after taking each issuer's numbers with one UPDATE of its counter row —
 * in the caller's transaction, so the numbers stay gapless: a rolled back batch gives its numbers back, and a line
 * that bills a charge the ledger already holds fails the whole batch.
 */
@Repository
public class InvoiceStore {
    private static final String INVOICE_COLUMNS = """
            id, number, kind, issuer_id, buyer_id, issue_date, due_date, currency, subtotal, tax, total, status, paid,
            credited, format, credited_invoice_id, reason, run_id, created_at, issuer_path, buyer_path, reverse_charge,
            buyer_vat_id, written_off""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    InvoiceStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** An issuer's numbering and payment term. */
    record Numbers(long first, String prefix, int paymentTermDays) {
        String number(long n, LocalDate issueDate) {
            String month = issueDate.getMonthValue() < 10 ? "0" + issueDate.getMonthValue()
                    : String.valueOf(issueDate.getMonthValue());
            String digits = Long.toString(n);
            return prefix.replace("{YYYY}", String.valueOf(issueDate.getYear())).replace("{MM}", month)
                    + "000000".substring(Math.min(6, digits.length())) + digits;
        }
    }

    /** Takes {@code count} consecutive numbers of the issuer (locks its counter until the transaction ends). */
    Numbers take(UUID issuerId, int count, Instant now) {
        return take(new TreeMap<>(Map.of(issuerId, count)), now).get(issuerId);
    }

    /**
     * Takes consecutive numbers of several issuers at once — {@code counts}: how many each — with three statements
     * whatever their number (a chunk of a run has hundreds of issuers). The counters are locked in issuer order, so
     * that two writers never wait on each other in a cycle, and stay locked until the transaction ends: numbers are
     * gapless because they are taken in the transaction that writes the invoices.
     */
    Map<UUID, Numbers> take(Map<UUID, Integer> counts, Instant now) {
        UUID[] ids = counts.keySet().stream().sorted(Comparator.comparing(UUID::toString)).toArray(UUID[]::new);
        Integer[] n = Arrays.stream(ids).map(counts::get).toArray(Integer[]::new);
        Timestamp at = Timestamp.from(now);
        jdbc.sql("""
                        INSERT INTO billing_issuer (issuer_id, updated_at)
                        SELECT id, :now FROM unnest(CAST(:ids AS uuid[])) AS u(id) ORDER BY id::text
                        ON CONFLICT DO NOTHING""")
                .param("ids", ids).param("now", at).update();
        jdbc.sql("SELECT issuer_id FROM billing_issuer WHERE issuer_id = ANY(:ids) ORDER BY issuer_id::text FOR UPDATE")
                .param("ids", ids).query(UUID.class).list();
        Map<UUID, Numbers> taken = new HashMap<>();
        jdbc.sql("""
                        UPDATE billing_issuer b SET next_number = b.next_number + u.n, updated_at = :now
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:counts AS int[])) AS u(id, n)
                        WHERE b.issuer_id = u.id
                        RETURNING b.issuer_id, b.next_number - u.n AS first_number, b.number_prefix,
                                  b.payment_term_days""")
                .param("ids", ids).param("counts", n).param("now", at)
                .query(rs -> {
                    taken.put(rs.getObject("issuer_id", UUID.class), new Numbers(rs.getLong("first_number"),
                            rs.getString("number_prefix"), rs.getInt("payment_term_days")));
                });
        if (taken.size() != ids.length) {
            throw new IllegalStateException("numbers taken for " + taken.size() + " of " + ids.length + " issuers");
        }
        return taken;
    }

    /**
     * Writes the invoices (numbers taken per issuer in a fixed order, so that two writers never wait on each other
     * in a cycle) and their lines, each with the ledger row it bills; answers the ids written, in the order given.
     */
    List<UUID> write(List<Drafts.Invoice> drafts, UUID runId, LocalDate issueDate, Instant now,
                     Map<UUID, UUID> creditedInvoice, String reason) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Integer>> byIssuer = new TreeMap<>(Comparator.comparing(UUID::toString));
        for (int i = 0; i < drafts.size(); i++) {
            if (!drafts.get(i).lines().isEmpty()) {
                byIssuer.computeIfAbsent(drafts.get(i).issuerId(), k -> new ArrayList<>()).add(i);
            }
        }
        // the lines first, each with the ledger row it bills, written before the issuers' counters are taken (the
        // lines' key to their invoice is checked at the commit, V20261214130001): the counters, once taken, stay
        // locked until the commit, and every other writer of the same issuers waits meanwhile — now only for the
        // invoices' COPY and the commit
        UUID[] invoiceIds = new UUID[drafts.size()];
        CopyRows lines = new CopyRows();
        for (int i = 0; i < drafts.size(); i++) {
            Drafts.Invoice d = drafts.get(i);
            if (d.lines().isEmpty()) {
                continue;
            }
            UUID invoiceId = TimeOrderedIds.next();
            invoiceIds[i] = invoiceId;
            int position = 1;
            for (Drafts.Line l : d.lines()) {
                lines.add(TimeOrderedIds.next()).add(invoiceId).add(position++).add(l.description())
                        .add(l.subscriptionId()).add(l.planId()).add(l.periodStart()).add(l.periodEnd())
                        .add(l.quantity()).add(l.unitPrice()).add(l.amount()).add(l.taxRate()).add(l.tax())
                        .add(l.wholesaleSubscriptionId()).add(l.commissionResellerId()).add(l.commissionPercent())
                        .add(l.wholesale());
                Drafts.Charge c = l.charge();
                if (c == null) {
                    lines.add(null).add(null).add(null).add(null).add(null).add(null).add(null).add(null);
                } else {
                    lines.add(c.charge().column()).add(c.periodStart()).add(c.periodEnd()).add(c.termsId())
                            .add(c.from()).add(c.to()).add(c.direction()).add(c.periodAmount());
                }
                lines.end();
            }
        }
        // a line that bills a charge the ledger already holds breaks its unique key (invoice_line_charged_once) and
        // fails here, before any number is taken
        copy("""
                COPY invoice_line (id, invoice_id, position, description, subscription_id, plan_id, period_start,
                                   period_end, quantity, unit_price, amount, tax_rate, tax, wholesale_subscription_id,
                                   commission_reseller_id, commission_percent, wholesale, charge, charge_period_start,
                                   charge_period_end, terms_id, from_day, to_day, direction, period_amount)
                FROM STDIN""", lines);
        Map<UUID, Integer> counts = new HashMap<>();
        byIssuer.forEach((issuer, indexes) -> counts.put(issuer, indexes.size()));
        Map<UUID, Numbers> numbering = counts.isEmpty() ? Map.of() : take(counts, now);
        String issue = issueDate.toString();
        String created = now.toString();
        CopyRows invoices = new CopyRows();
        for (var entry : byIssuer.entrySet()) {
            Numbers taken = numbering.get(entry.getKey());
            long n = taken.first();
            String due = issueDate.plusDays(taken.paymentTermDays()).toString();
            for (int i : entry.getValue()) {
                Drafts.Invoice d = drafts.get(i);
                BigDecimal subtotal = d.subtotal();
                BigDecimal tax = d.tax();
                invoices.add(invoiceIds[i]).add(taken.number(n++, issueDate))
                        .add(subtotal.signum() < 0 ? InvoiceKind.CREDIT_NOTE : InvoiceKind.INVOICE).add(d.issuerId()).add(d.issuerPath())
                        .add(d.buyerId()).add(d.buyerPath()).add(issue).add(due).add(d.currency()).add(subtotal)
                        .add(tax).add(subtotal.add(tax)).add(d.format().name()).add(runId)
                        .add(creditedInvoice.get(d.buyerId())).add(reason)
                        // nothing to pay (charges and credits that cancel out): settled as it is issued
                        .add(subtotal.add(tax).signum() == 0 ? InvoiceStatus.PAID : InvoiceStatus.OPEN)
                        .add(created).add(d.reverseCharge()).add(d.buyerVatId()).end();
            }
        }
        copy("""
                COPY invoice (id, number, kind, issuer_id, issuer_path, buyer_id, buyer_path, issue_date, due_date,
                              currency, subtotal, tax, total, format, run_id, credited_invoice_id, reason, status,
                              created_at, reverse_charge, buyer_vat_id) FROM STDIN""", invoices);
        return Arrays.asList(invoiceIds);
    }

    /**
     * Rows in PostgreSQL's COPY text format: columns separated by tabs, rows by newlines, {@code \N} for null, and
     * backslash, tab, newline and carriage return in values escaped. The text is kept as UTF-8 blocks of at most
     * {@link #BLOCK} bytes, never as one buffer of the whole chunk: a chunk's lines are megabytes, and one growing
     * buffer (copied at every doubling, then copied again into a string) allocated a third of a run's memory and left
     * its largest copies in the old generation, where the heap grew with every chunk (docs/benchmarks.md, P4m).
     */
    static final class CopyRows {
        /** The bytes of one block; a block is written to the COPY as it is. */
        static final int BLOCK = 32 * 1024;

        private final StringBuilder text = new StringBuilder(BLOCK + 1024);
        private final List<byte[]> blocks = new ArrayList<>();
        private boolean first = true;
        private int rows;

        CopyRows add(Object value) {
            if (!first) {
                text.append('\t');
            }
            first = false;
            if (value == null) {
                text.append("\\N");
            } else if (value instanceof BigDecimal number) {
                text.append(number.toPlainString());
            } else if (value instanceof Boolean b) {
                text.append(b ? 't' : 'f');
            } else if (value instanceof String string) {
                escape(string);
            } else {
                text.append(value);
            }
            return this;
        }

        CopyRows add(long value) {
            if (!first) {
                text.append('\t');
            }
            first = false;
            text.append(value);
            return this;
        }

        void end() {
            text.append('\n');
            first = true;
            rows++;
            if (text.length() >= BLOCK) {
                flush();
            }
        }

        private void flush() {
            if (!text.isEmpty()) {
                blocks.add(text.toString().getBytes(StandardCharsets.UTF_8));
                text.setLength(0);
            }
        }

        private void escape(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
        }

        int rows() {
            return rows;
        }

        /** The rows as UTF-8 blocks, in order (each ends with a whole row). */
        List<byte[]> blocks() {
            flush();
            return blocks;
        }

        String text() {
            StringBuilder all = new StringBuilder();
            blocks().forEach(b -> all.append(new String(b, StandardCharsets.UTF_8)));
            return all.toString();
        }
    }

    /** COPY on the connection of the caller's transaction (the one the numbers were taken in), block by block. */
    private void copy(String sql, CopyRows rows) {
        if (rows.rows() == 0) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        CopyIn in = null;
        try {
            in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            for (byte[] block : rows.blocks()) {
                in.writeToCopy(block, 0, block.length);
            }
            long copied = in.endCopy();
            if (copied != rows.rows()) {
                throw new IllegalStateException("COPY wrote " + copied + " of " + rows.rows() + " rows");
            }
        } catch (SQLException e) {
            cancel(in);
            DataAccessException translated = new SQLStateSQLExceptionTranslator().translate("COPY", sql, e);
            throw translated != null ? translated : new UncategorizedSQLException("COPY", sql, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void cancel(CopyIn in) {
        try {
            if (in != null && in.isActive()) {
                in.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction fails anyway
        }
    }

    /**
     * Of these subscriptions, those with any ledger row at all (billed before, perhaps long ago), each with the end
     * of the last period it was billed for.
     */
    Map<UUID, LocalDate> lastBilled(Collection<UUID> subscriptionIds) {
        Map<UUID, LocalDate> result = new HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT subscription_id, max(charge_period_end) AS last_end FROM invoice_line
                        WHERE subscription_id = ANY(:ids) AND charge IS NOT NULL GROUP BY subscription_id""")
                .param("ids", subscriptionIds.toArray(UUID[]::new))
                .query(rs -> {
                    result.put(rs.getObject("subscription_id", UUID.class), rs.getDate("last_end").toLocalDate());
                });
        return result;
    }

    /** The ledger rows of these subscriptions that a run still compares with: those of periods after the horizon. */
    Map<UUID, List<Drafts.Charge>> ledger(Collection<UUID> subscriptionIds, LocalDate horizon) {
        Map<UUID, List<Drafts.Charge>> result = new HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT subscription_id, charge, charge_period_start, charge_period_end, terms_id, from_day,
                               to_day, direction, period_amount, amount, plan_id
                        FROM invoice_line
                        WHERE subscription_id = ANY(:ids) AND charge IS NOT NULL AND charge_period_end > :horizon""")
                .param("ids", subscriptionIds.toArray(UUID[]::new)).param("horizon", Date.valueOf(horizon))
                .query(rs -> {
                    Drafts.Charge c = new Drafts.Charge(rs.getObject("subscription_id", UUID.class),
                            ChargeKey.of(rs.getString("charge")), rs.getDate("charge_period_start").toLocalDate(),
                            rs.getDate("charge_period_end").toLocalDate(), rs.getLong("terms_id"),
                            rs.getDate("from_day").toLocalDate(), rs.getDate("to_day").toLocalDate(),
                            Drafts.Direction.valueOf(rs.getString("direction")), rs.getBigDecimal("period_amount"),
                            rs.getBigDecimal("amount"), rs.getObject("plan_id", UUID.class));
                    result.computeIfAbsent(c.subscriptionId(), k -> new ArrayList<>()).add(c);
                });
        return result;
    }

    /** Tax rates of these issuers: per issuer, per buyer country ("--": the default rate). */
    Map<UUID, Map<String, BigDecimal>> taxRates(Collection<UUID> issuerIds) {
        Map<UUID, Map<String, BigDecimal>> result = new HashMap<>();
        if (issuerIds.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT issuer_id, country, rate FROM tax_rate WHERE issuer_id = ANY(:ids)")
                .param("ids", issuerIds.stream().distinct().toArray(UUID[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject("issuer_id", UUID.class), k -> new HashMap<>())
                            .put(rs.getString("country"), rs.getBigDecimal("rate"));
                });
        return result;
    }

    // ---------------------------------------------------------------------------------------------------- reads

    public Optional<InvoiceView> find(UUID id) {
        List<InvoiceView> found = withLines(jdbc.sql("SELECT " + INVOICE_COLUMNS + " FROM invoice WHERE id = :id")
                .param("id", id).query(InvoiceStore::header).list());
        return found.stream().findFirst();
    }

    /** Who issued these documents to whom, with one query whatever their number (no lines). */
    public List<io.cascade.billing.api.IssuedDocument> issued(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT id, kind, issuer_id, buyer_id, issuer_path, buyer_path FROM invoice
                        WHERE id = ANY(:ids)""")
                .param("ids", ids.stream().distinct().toArray(UUID[]::new))
                .query((rs, n) -> new io.cascade.billing.api.IssuedDocument(rs.getObject("id", UUID.class),
                        InvoiceKind.valueOf(rs.getString("kind")), rs.getObject("issuer_id", UUID.class),
                        rs.getObject("buyer_id", UUID.class), rs.getString("issuer_path"), rs.getString("buyer_path")))
                .list();
    }

    public Optional<InvoiceView> lock(UUID id) {
        jdbc.sql("SELECT id FROM invoice WHERE id = :id FOR UPDATE").param("id", id).query(UUID.class).optional();
        return find(id);
    }

    /** Which side of its invoices an account lists: those it received, those it issued, or both. */
    public enum Side {
        ANY, BUYER, ISSUER;

        public static Optional<Side> named(String name) {
            return java.util.Arrays.stream(values()).filter(side -> side.name().equals(name)).findFirst();
        }
    }

    /** Invoices where the account is buyer or issuer, newest first; {@code after}: "issueDate|id" of the last seen. */
    /**
     * A page of the account's invoices, newest first, after the cursor. Each side is one walk of its index
     * ({@code invoice_buyer}, {@code invoice_issuer}: account, issue date, id) that stops after {@code limit} rows;
     * both sides are merged, so that an issuer of many invoices reads a page, never all of its invoices (P7).
     */
    public List<InvoiceView> ofAccount(UUID accountId, Side side, String[] after, int limit) {
        String page = """
                (SELECT %s FROM invoice WHERE %s
                   AND (CAST(:afterDay AS date) IS NULL
                        OR (issue_date, id) < (CAST(:afterDay AS date), CAST(:afterId AS uuid)))
                 ORDER BY issue_date DESC, id DESC LIMIT :limit)""";
        String buyer = page.formatted(INVOICE_COLUMNS, "buyer_id = :account");
        String sql = switch (side) {
            case BUYER -> buyer;
            case ISSUER -> page.formatted(INVOICE_COLUMNS, "issuer_id = :account");
            case ANY -> "SELECT * FROM (" + buyer + " UNION ALL "
                    + page.formatted(INVOICE_COLUMNS, "issuer_id = :account AND buyer_id <> :account")
                    + ") both_sides ORDER BY issue_date DESC, id DESC LIMIT :limit";
        };
        return withLines(jdbc.sql(sql)
                .param("account", accountId).param("afterDay", after == null ? null : after[0])
                .param("afterId", after == null ? null : after[1]).param("limit", limit)
                .query(InvoiceStore::header).list());
    }

    private List<InvoiceView> withLines(List<InvoiceView> headers) {
        if (headers.isEmpty()) {
            return headers;
        }
        Map<UUID, List<InvoiceView.Line>> lines = new LinkedHashMap<>();
        Map<UUID, Currency> currencies = new HashMap<>();
        headers.forEach(h -> {
            lines.put(h.id(), new ArrayList<>());
            currencies.put(h.id(), Currency.getInstance(h.currency()));
        });
        jdbc.sql("""
                        SELECT invoice_id, id, position, description, subscription_id, plan_id, period_start,
                               period_end, quantity, unit_price, amount, tax_rate, tax, wholesale_subscription_id
                        FROM invoice_line WHERE invoice_id = ANY(:ids) ORDER BY invoice_id, position""")
                .param("ids", lines.keySet().toArray(UUID[]::new))
                .query(rs -> {
                    UUID invoiceId = rs.getObject("invoice_id", UUID.class);
                    Currency c = currencies.get(invoiceId);
                    lines.get(invoiceId).add(new InvoiceView.Line(rs.getObject("id", UUID.class),
                            rs.getInt("position"), rs.getString("description"),
                            rs.getObject("subscription_id", UUID.class), rs.getObject("plan_id", UUID.class),
                            day(rs.getDate("period_start")), day(rs.getDate("period_end")),
                            strip(rs.getBigDecimal("quantity")), new Price(rs.getBigDecimal("unit_price"), c),
                            new Money(rs.getBigDecimal("amount"), c), strip(rs.getBigDecimal("tax_rate")),
                            new Money(rs.getBigDecimal("tax"), c),
                            rs.getObject("wholesale_subscription_id", UUID.class)));
                });
        return headers.stream().map(h -> new InvoiceView(h.id(), h.number(), h.kind(), h.issuerAccountId(),
                h.buyerAccountId(), h.issueDate(), h.dueDate(), h.currency(), List.copyOf(lines.get(h.id())),
                h.subtotal(), h.tax(), h.total(), h.status(), h.paid(), h.credited(), h.openAmount(), h.format(),
                h.creditedInvoiceId(), h.reason(), h.runId(), h.createdAt(), h.issuerPath(), h.buyerPath(),
                h.buyerVatId(), h.taxNote(), h.amountDue(), h.amountPaid(), h.writtenOff())).toList();
    }

    /** An invoice's header (no lines yet), from a row of {@link #INVOICE_COLUMNS}. */
    private static InvoiceView header(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        Currency c = Currency.getInstance(currency);
        Money total = new Money(rs.getBigDecimal("total"), c);
        Money paid = new Money(rs.getBigDecimal("paid"), c);
        Money credited = new Money(rs.getBigDecimal("credited"), c);
        Money writtenOff = new Money(rs.getBigDecimal("written_off"), c);
        Money open = new Money(total.amount().subtract(paid.amount()).add(credited.amount())
                .subtract(writtenOff.amount()), c);
        InvoiceKind kind = InvoiceKind.valueOf(rs.getString("kind"));
        Money due = kind == InvoiceKind.CREDIT_NOTE ? new Money(java.math.BigDecimal.ZERO, c) : open;
        return new InvoiceView(rs.getObject("id", UUID.class), rs.getString("number"), kind,
                rs.getObject("issuer_id", UUID.class), rs.getObject("buyer_id", UUID.class),
                rs.getDate("issue_date").toLocalDate(), rs.getDate("due_date").toLocalDate(), currency, List.of(),
                new Money(rs.getBigDecimal("subtotal"), c), new Money(rs.getBigDecimal("tax"), c), total,
                InvoiceStatus.valueOf(rs.getString("status")), paid, credited,
                due, InvoiceFormat.valueOf(rs.getString("format")), rs.getObject("credited_invoice_id", UUID.class),
                rs.getString("reason"), rs.getObject("run_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                rs.getString("issuer_path"), rs.getString("buyer_path"), rs.getString("buyer_vat_id"),
                rs.getBoolean("reverse_charge") ? TaxRules.REVERSE_CHARGE_NOTE : null, due, paid, writtenOff);
    }

    // ------------------------------------------------------------------------------------- payments and state

    public void settle(UUID invoiceId, BigDecimal paidDelta, BigDecimal creditedDelta) {
        jdbc.sql("""
                        UPDATE invoice SET paid = paid + :paid, credited = credited + :credited,
                               status = CASE WHEN total - (paid + :paid) + (credited + :credited) - written_off > 0
                                                  THEN 'OPEN'
                                             WHEN written_off > 0 THEN 'UNCOLLECTIBLE'
                                             WHEN paid + :paid = 0 THEN 'VOID' ELSE 'PAID' END
                        WHERE id = :id""")
                .param("paid", paidDelta).param("credited", creditedDelta).param("id", invoiceId).update();
    }

    /** What has been credited on one line of an invoice so far: negative sums of credit-note lines. */
    record Credited(BigDecimal amount, BigDecimal tax) {
        static final Credited NONE = new Credited(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** Lines of an invoice with what has been credited on each so far, before tax and tax. */
    Map<UUID, Credited> creditedPerLine(UUID invoiceId) {
        Map<UUID, Credited> result = new HashMap<>();
        jdbc.sql("""
                        SELECT l.credited_line_id, sum(l.amount) AS credited, sum(l.tax) AS credited_tax
                        FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
                        WHERE i.credited_invoice_id = :id AND l.credited_line_id IS NOT NULL GROUP BY 1""")
                .param("id", invoiceId)
                .query(rs -> {
                    result.put(rs.getObject("credited_line_id", UUID.class),
                            new Credited(rs.getBigDecimal("credited"), rs.getBigDecimal("credited_tax")));
                });
        return result;
    }

    /**
     * The lines of a credit note; each takes over from the line it credits what the line names beyond its amounts
     * (the holding, the wholesale mark, the commission reseller and percentage), so that the credit reaches the
     * margin and the commission statement as the line did.
     */
    void insertCreditLines(UUID creditNoteId, List<Object[]> lines) {
        for (Object[] l : lines) {
            jdbc.sql("""
                            INSERT INTO invoice_line (id, invoice_id, position, description, subscription_id, plan_id,
                                                      period_start, period_end, quantity, unit_price, amount,
                                                      tax_rate, tax, credited_line_id, wholesale_subscription_id,
                                                      commission_reseller_id, commission_percent, wholesale)
                            SELECT :id, :invoice, :position, :description, :subscription, :plan, :from, :to,
                                   :quantity, :unit, :amount, :rate, :tax, o.id, o.wholesale_subscription_id,
                                   o.commission_reseller_id, o.commission_percent, o.wholesale
                            FROM invoice_line o WHERE o.id = :credited""")
                    .param("id", UUID.randomUUID()).param("invoice", creditNoteId).param("position", l[0])
                    .param("description", l[1]).param("subscription", l[2]).param("plan", l[3])
                    .param("from", l[4]).param("to", l[5]).param("quantity", l[6]).param("unit", l[7])
                    .param("amount", l[8]).param("rate", l[9]).param("tax", l[10]).param("credited", l[11]).update();
        }
    }

    void insertCreditNote(UUID id, String number, InvoiceView original, LocalDate issueDate, BigDecimal subtotal,
                          BigDecimal tax, String reason, Instant now) {
        jdbc.sql("""
                        INSERT INTO invoice (id, number, kind, issuer_id, issuer_path, buyer_id, buyer_path, issue_date,
                                             due_date, currency, subtotal, tax, total, format, credited_invoice_id,
                                             reason, status, created_at, reverse_charge, buyer_vat_id)
                        VALUES (:id, :number, 'CREDIT_NOTE', :issuer, :issuerPath, :buyer, :buyerPath, :issue, :issue,
                                :currency, :subtotal, :tax, :total, :format, :original, :reason, 'OPEN', :now,
                                :reverseCharge, :vatId)""")
                .param("id", id).param("number", number).param("issuer", original.issuerAccountId())
                .param("issuerPath", original.issuerPath()).param("buyer", original.buyerAccountId())
                .param("buyerPath", original.buyerPath()).param("issue", Date.valueOf(issueDate))
                .param("currency", original.currency()).param("subtotal", subtotal).param("tax", tax)
                .param("total", subtotal.add(tax)).param("format", original.format().name())
                .param("original", original.id()).param("reason", reason).param("now", Timestamp.from(now))
                .param("reverseCharge", original.buyerVatId() != null).param("vatId", original.buyerVatId()).update();
    }

    private static LocalDate day(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static BigDecimal strip(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
