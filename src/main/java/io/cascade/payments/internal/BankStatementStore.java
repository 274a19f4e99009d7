package io.cascade.payments.internal;

import io.cascade.payments.api.BankStatementFormat;
import io.cascade.payments.api.BankStatementView;
import io.cascade.payments.api.StatementEntryDirection;
import io.cascade.payments.api.StatementEntryStatus;
import io.cascade.payments.api.StatementEntryView;
import io.cascade.payments.api.StatementMatchRule;
import io.cascade.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * bank_statement and bank_statement_entry: a statement's row with what its import did, and its entries, written in one
 * set-based insert per import; the unique entry_key per issuer is the identity that keeps a second import of the same
 * entry from recording anything (docs/billing.md "Bank statements").
 */
@Repository
public class BankStatementStore {
    private final JdbcClient jdbc;

    BankStatementStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serializes the imports of one issuer until the transaction ends, so that two never take the same entry. */
    public void lockImports(UUID issuerId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('bank_statement:' || CAST(:issuer AS text), 0))")
                .param("issuer", issuerId).query((rs, n) -> 1).list();
    }

    /** The entries of the issuer that already have these keys: key → entry id. */
    public Map<String, UUID> existing(UUID issuerId, Collection<String> keys) {
        Map<String, UUID> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT entry_key, id FROM bank_statement_entry WHERE issuer_id = :issuer AND entry_key = ANY(:keys)")
                .param("issuer", issuerId).param("keys", keys.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString("entry_key"), rs.getObject("id", UUID.class));
                });
        return found;
    }

    public void insertStatement(BankStatementView s, String issuerPath) {
        jdbc.sql("""
                        INSERT INTO bank_statement (id, issuer_id, issuer_path, format, message_version, file_name,
                                                    bank_statement_id, account_iban, entry_count, matched, unmatched,
                                                    duplicates, ignored, imported_by, imported_at)
                        VALUES (:id, :issuer, :path, :format, :version, :fileName, :bankId, :iban, :entries, :matched,
                                :unmatched, :duplicates, :ignored, :by, :at)""")
                .param("id", s.id()).param("issuer", s.issuerAccountId()).param("path", issuerPath)
                .param("format", s.format().name()).param("version", s.messageVersion())
                .param("fileName", s.fileName()).param("bankId", s.bankStatementId()).param("iban", s.accountIban())
                .param("entries", s.entries()).param("matched", s.matched()).param("unmatched", s.unmatched())
                .param("duplicates", s.duplicates()).param("ignored", s.ignored()).param("by", s.importedBy())
                .param("at", Timestamp.from(s.importedAt())).update();
    }

    /** An entry to insert: what the bank said, its key (null unless it is a credit taken), and where it stands. */
    public record NewEntry(UUID id, StatementLine line, String key, StatementEntryStatus status,
                           StatementMatchRule matchedBy, UUID buyerId, List<UUID> invoiceIds, UUID paymentId,
                           UUID duplicateOf, String note) {
    }

    /** Every entry of the statement in one statement. */
    public void insertEntries(UUID statementId, UUID issuerId, List<NewEntry> entries, UUID by, Instant now) {
        int n = entries.size();
        UUID[] ids = new UUID[n];
        Integer[] positions = new Integer[n];
        String[] keys = new String[n];
        Date[] days = new Date[n];
        BigDecimal[] amounts = new BigDecimal[n];
        String[] currencies = new String[n];
        String[] directions = new String[n];
        Boolean[] booked = new Boolean[n];
        String[] names = new String[n];
        String[] ibans = new String[n];
        String[] texts = new String[n];
        String[] references = new String[n];
        String[] statuses = new String[n];
        String[] rules = new String[n];
        UUID[] buyers = new UUID[n];
        String[] invoices = new String[n];
        UUID[] payments = new UUID[n];
        UUID[] duplicates = new UUID[n];
        String[] notes = new String[n];
        for (int i = 0; i < n; i++) {
            NewEntry e = entries.get(i);
            StatementLine l = e.line();
            ids[i] = e.id();
            positions[i] = l.position();
            keys[i] = e.key();
            days[i] = Date.valueOf(l.bookingDate());
            amounts[i] = l.amount();
            currencies[i] = l.currency();
            directions[i] = l.direction().name();
            booked[i] = l.booked();
            names[i] = l.counterpartyName();
            ibans[i] = l.counterpartyIban();
            texts[i] = l.matchText().isBlank() ? null : l.matchText().strip();
            references[i] = l.bankReference();
            statuses[i] = e.status().name();
            rules[i] = e.matchedBy() == null ? null : e.matchedBy().name();
            buyers[i] = e.buyerId();
            invoices[i] = e.invoiceIds() == null || e.invoiceIds().isEmpty() ? null
                    : String.join(",", e.invoiceIds().stream().map(UUID::toString).toList());
            payments[i] = e.paymentId();
            duplicates[i] = e.duplicateOf();
            notes[i] = e.note();
        }
        jdbc.sql("""
                        INSERT INTO bank_statement_entry (id, statement_id, issuer_id, position, entry_key, booking_date,
                                                          amount, currency, direction, booked, counterparty_name,
                                                          counterparty_iban, remittance, bank_reference, status,
                                                          matched_by, buyer_id, invoice_ids, payment_id, duplicate_of,
                                                          note, decided_by, decided_at)
                        SELECT u.id, :statement, :issuer, u.position, u.key, u.day, u.amount, u.currency, u.direction,
                               u.booked, u.name, u.iban, u.text, u.reference, u.status, u.rule, u.buyer,
                               CAST(string_to_array(u.invoices, ',') AS uuid[]), u.payment, u.duplicate, u.note,
                               CASE WHEN u.payment IS NOT NULL THEN CAST(:by AS uuid) END,
                               CASE WHEN u.payment IS NOT NULL THEN CAST(:now AS timestamptz) END
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:positions AS integer[]), CAST(:keys AS text[]),
                                    CAST(:days AS date[]), CAST(:amounts AS numeric[]), CAST(:currencies AS text[]),
                                    CAST(:directions AS text[]), CAST(:booked AS boolean[]), CAST(:names AS text[]),
                                    CAST(:ibans AS text[]), CAST(:texts AS text[]), CAST(:references AS text[]),
                                    CAST(:statuses AS text[]), CAST(:rules AS text[]), CAST(:buyers AS uuid[]),
                                    CAST(:invoices AS text[]), CAST(:payments AS uuid[]), CAST(:duplicates AS uuid[]),
                                    CAST(:notes AS text[]))
                             AS u(id, position, key, day, amount, currency, direction, booked, name, iban, text,
                                  reference, status, rule, buyer, invoices, payment, duplicate, note)""")
                .param("statement", statementId).param("issuer", issuerId).param("by", by)
                .param("now", Timestamp.from(now)).param("ids", ids).param("positions", positions)
                .param("keys", keys).param("days", days).param("amounts", amounts).param("currencies", currencies)
                .param("directions", directions).param("booked", booked).param("names", names)
                .param("ibans", ibans).param("texts", texts).param("references", references)
                .param("statuses", statuses).param("rules", rules).param("buyers", buyers)
                .param("invoices", invoices).param("payments", payments).param("duplicates", duplicates)
                .param("notes", notes).update();
    }

    // ----------------------------------------------------------------------------------------------- reads

    private static final String STATEMENT_COLUMNS = """
            id, issuer_id, issuer_path, format, message_version, file_name, bank_statement_id, account_iban,
            entry_count, matched, unmatched, duplicates, ignored, imported_by, imported_at""";

    /** A statement with its issuer's path (for the subtree rule). */
    public record StoredStatement(BankStatementView view, String issuerPath) {
    }

    public Optional<StoredStatement> statement(UUID id) {
        return jdbc.sql("SELECT " + STATEMENT_COLUMNS + " FROM bank_statement WHERE id = :id").param("id", id)
                .query(BankStatementStore::statementRow).optional();
    }

    /** The issuer's statements, newest import first; {@code after}: "importedAt|id" of the last seen. */
    public List<BankStatementView> statements(UUID issuerId, String[] after, int limit) {
        return jdbc.sql("SELECT " + STATEMENT_COLUMNS + """
                         FROM bank_statement WHERE issuer_id = :issuer
                          AND (CAST(:afterAt AS timestamptz) IS NULL
                               OR (imported_at, id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid)))
                        ORDER BY imported_at DESC, id DESC LIMIT :limit""")
                .param("issuer", issuerId).param("afterAt", after == null ? null : after[0])
                .param("afterId", after == null ? null : after[1]).param("limit", limit)
                .query(BankStatementStore::statementRow).list().stream().map(StoredStatement::view).toList();
    }

    private static StoredStatement statementRow(ResultSet rs, int n) throws SQLException {
        return new StoredStatement(new BankStatementView(rs.getObject("id", UUID.class),
                rs.getObject("issuer_id", UUID.class), BankStatementFormat.valueOf(rs.getString("format")),
                rs.getString("message_version"), rs.getString("file_name"), rs.getString("bank_statement_id"),
                rs.getString("account_iban"), rs.getInt("entry_count"), rs.getInt("matched"),
                rs.getInt("unmatched"), rs.getInt("duplicates"), rs.getInt("ignored"),
                rs.getObject("imported_by", UUID.class), rs.getTimestamp("imported_at").toInstant()),
                rs.getString("issuer_path"));
    }

    private static final String ENTRY_COLUMNS = """
            e.id, e.statement_id, e.issuer_id, e.position, e.booking_date, e.amount, e.currency, e.direction,
            e.counterparty_name, e.counterparty_iban, e.remittance, e.bank_reference, e.status, e.matched_by,
            e.buyer_id, e.invoice_ids, e.payment_id, e.duplicate_of, e.note, e.decided_at, s.issuer_path""";

    /** An entry with its issuer's path (for the subtree rule). */
    public record StoredEntry(StatementEntryView view, String issuerPath) {
    }

    /** One entry; {@code lock}: held until the transaction ends (a decision on it). */
    public Optional<StoredEntry> entry(UUID id, boolean lock) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + """
                         FROM bank_statement_entry e JOIN bank_statement s ON s.id = e.statement_id
                        WHERE e.id = :id""" + (lock ? " FOR UPDATE OF e" : ""))
                .param("id", id).query(BankStatementStore::entryRow).optional();
    }

    /** A statement's entries in file order, optionally of one status; after the position last seen. */
    public List<StatementEntryView> entries(UUID statementId, StatementEntryStatus status, int afterPosition,
                                            int limit) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + """
                         FROM bank_statement_entry e JOIN bank_statement s ON s.id = e.statement_id
                        WHERE e.statement_id = :statement AND e.position > :after
                          AND (CAST(:status AS text) IS NULL OR e.status = :status)
                        ORDER BY e.position LIMIT :limit""")
                .param("statement", statementId).param("after", afterPosition)
                .param("status", status == null ? null : status.name()).param("limit", limit)
                .query(BankStatementStore::entryRow).list().stream().map(StoredEntry::view).toList();
    }

    /** The issuer's entries of one status across its statements, by booking day; after "day|id" last seen. */
    public List<StatementEntryView> queue(UUID issuerId, StatementEntryStatus status, String[] after, int limit) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + """
                         FROM bank_statement_entry e JOIN bank_statement s ON s.id = e.statement_id
                        WHERE e.issuer_id = :issuer AND e.status = :status
                          AND (CAST(:afterDay AS date) IS NULL
                               OR (e.booking_date, e.id) > (CAST(:afterDay AS date), CAST(:afterId AS uuid)))
                        ORDER BY e.booking_date, e.id LIMIT :limit""")
                .param("issuer", issuerId).param("status", status.name())
                .param("afterDay", after == null ? null : after[0]).param("afterId", after == null ? null : after[1])
                .param("limit", limit).query(BankStatementStore::entryRow).list().stream()
                .map(StoredEntry::view).toList();
    }

    private static StoredEntry entryRow(ResultSet rs, int n) throws SQLException {
        Array invoices = rs.getArray("invoice_ids");
        List<UUID> invoiceIds = invoices == null ? List.of()
                : Arrays.stream((Object[]) invoices.getArray()).map(o -> (UUID) o).toList();
        String rule = rs.getString("matched_by");
        Timestamp decided = rs.getTimestamp("decided_at");
        return new StoredEntry(new StatementEntryView(rs.getObject("id", UUID.class),
                rs.getObject("statement_id", UUID.class), rs.getObject("issuer_id", UUID.class),
                rs.getInt("position"), rs.getDate("booking_date").toLocalDate(),
                new Money(rs.getBigDecimal("amount"), Currency.getInstance(rs.getString("currency"))),
                StatementEntryDirection.valueOf(rs.getString("direction")), rs.getString("counterparty_name"),
                rs.getString("counterparty_iban"), rs.getString("remittance"), rs.getString("bank_reference"),
                StatementEntryStatus.valueOf(rs.getString("status")),
                rule == null ? null : StatementMatchRule.valueOf(rule), rs.getObject("buyer_id", UUID.class),
                invoiceIds, rs.getObject("payment_id", UUID.class), rs.getObject("duplicate_of", UUID.class),
                rs.getString("note"), decided == null ? null : decided.toInstant()), rs.getString("issuer_path"));
    }

    /** A person's decision on an unmatched entry (locked before with {@link #entry}). */
    public void decide(UUID id, StatementEntryStatus status, StatementMatchRule rule, UUID buyerId,
                       List<UUID> invoiceIds, UUID paymentId, String note, UUID by, Instant now) {
        jdbc.sql("""
                        UPDATE bank_statement_entry SET status = :status, matched_by = :rule, buyer_id = :buyer,
                               invoice_ids = CAST(:invoices AS uuid[]), payment_id = :payment, note = :note,
                               decided_by = :by, decided_at = :now, version = version + 1
                        WHERE id = :id""")
                .param("status", status.name()).param("rule", rule == null ? null : rule.name())
                .param("buyer", buyerId)
                .param("invoices", invoiceIds == null ? null : invoiceIds.toArray(UUID[]::new))
                .param("payment", paymentId).param("note", note).param("by", by).param("now", Timestamp.from(now))
                .param("id", id).update();
    }
}
