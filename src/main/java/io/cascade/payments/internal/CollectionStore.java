package io.cascade.payments.internal;

import io.cascade.payments.api.CollectionItemStatus;
import io.cascade.payments.api.CollectionItemView;
import io.cascade.payments.api.CollectionStatus;
import io.cascade.payments.api.CollectionView;
import io.cascade.payments.api.DirectDebitReturnReason;
import io.cascade.payments.api.MandateSequence;
import io.cascade.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** direct_debit_collection and direct_debit_collection_item (ADR 0030). */
@Repository
public class CollectionStore {
    private static final String RUN_COLUMNS = """
            id, issuer_id, issuer_path, collection_date, status, currency, item_count, control_sum, message_id,
            created_at, confirmed_at""";
    private static final String ITEM_COLUMNS = """
            i.id, i.collection_id, i.buyer_id, i.buyer_path, i.invoice_id, i.invoice_number, i.mandate_id,
            m.reference AS mandate_reference, i.sequence, i.amount, i.status, i.payment_id, i.return_id,
            i.return_reason, i.returned_on""";

    private final JdbcClient jdbc;

    CollectionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A run with its issuer's path (for the subtree rule). */
    public record StoredRun(CollectionView view, String issuerPath) {
    }

    /** An item with its buyer's path. */
    public record StoredItem(CollectionItemView view, String buyerPath) {
    }

    /** An item to insert. */
    public record NewItem(UUID id, UUID buyerId, String buyerPath, UUID invoiceId, String invoiceNumber,
                          UUID mandateId, MandateSequence sequence, BigDecimal amount) {
    }

    /** The invoices among these that are in a pending collection. */
    public Set<UUID> pendingInvoices(Collection<UUID> invoiceIds) {
        return Set.copyOf(jdbc.sql("""
                        SELECT invoice_id FROM direct_debit_collection_item
                        WHERE invoice_id = ANY(:ids) AND status = 'PENDING'""")
                .param("ids", invoiceIds.toArray(UUID[]::new)).query(UUID.class).list());
    }

    public void insert(UUID id, UUID issuerId, String issuerPath, LocalDate collectionDate, String currency,
                       BigDecimal controlSum, String messageId, String file, List<NewItem> items, UUID by,
                       Instant now) {
        jdbc.sql("""
                        INSERT INTO direct_debit_collection (id, issuer_id, issuer_path, collection_date, status,
                                                             currency, item_count, control_sum, message_id, file,
                                                             created_by, created_at)
                        VALUES (:id, :issuer, :issuerPath, :date, 'PENDING', :currency, :count, :sum, :messageId,
                                :file, :by, :now)""")
                .param("id", id).param("issuer", issuerId).param("issuerPath", issuerPath)
                .param("date", Date.valueOf(collectionDate)).param("currency", currency)
                .param("count", items.size()).param("sum", controlSum).param("messageId", messageId)
                .param("file", file).param("by", by).param("now", Timestamp.from(now)).update();
        for (NewItem item : items) {
            jdbc.sql("""
                            INSERT INTO direct_debit_collection_item (id, collection_id, issuer_id, buyer_id,
                                                                      buyer_path, invoice_id, invoice_number,
                                                                      mandate_id, sequence, amount, status)
                            VALUES (:id, :run, :issuer, :buyer, :buyerPath, :invoice, :number, :mandate, :sequence,
                                    :amount, 'PENDING')""")
                    .param("id", item.id()).param("run", id).param("issuer", issuerId).param("buyer", item.buyerId())
                    .param("buyerPath", item.buyerPath()).param("invoice", item.invoiceId())
                    .param("number", item.invoiceNumber()).param("mandate", item.mandateId())
                    .param("sequence", item.sequence().name()).param("amount", item.amount()).update();
        }
    }

    public Optional<StoredRun> find(UUID id) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM direct_debit_collection WHERE id = :id")
                .param("id", id).query(this::run).optional();
    }

    public Optional<StoredRun> lock(UUID id) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM direct_debit_collection WHERE id = :id FOR UPDATE")
                .param("id", id).query(this::run).optional();
    }

    public Optional<String> file(UUID id) {
        return jdbc.sql("SELECT file FROM direct_debit_collection WHERE id = :id").param("id", id)
                .query(String.class).optional();
    }

    /** The issuer's runs, newest first; {@code after}: "createdAt|id" of the last seen. */
    public List<StoredRun> list(UUID issuerId, String[] after, int limit) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + """
                         FROM direct_debit_collection WHERE issuer_id = :issuer
                          AND (CAST(:afterAt AS timestamptz) IS NULL
                               OR (created_at, id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid)))
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .param("issuer", issuerId)
                .param("afterAt", after == null ? null : Timestamp.from(Instant.parse(after[0])))
                .param("afterId", after == null ? null : UUID.fromString(after[1]))
                .param("limit", limit).query(this::run).list();
    }

    public List<StoredItem> items(UUID runId) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + """
                         , c.currency FROM direct_debit_collection_item i
                        JOIN direct_debit_mandate m ON m.id = i.mandate_id
                        JOIN direct_debit_collection c ON c.id = i.collection_id
                        WHERE i.collection_id = :run ORDER BY i.sequence, i.invoice_number, i.id""")
                .param("run", runId).query(CollectionStore::item).list();
    }

    /** The paths of the buyers the run collects from. */
    public List<String> buyerPaths(UUID runId) {
        return jdbc.sql("SELECT DISTINCT buyer_path FROM direct_debit_collection_item WHERE collection_id = :run")
                .param("run", runId).query(String.class).list();
    }

    public void confirmed(UUID runId, UUID by, Instant now) {
        jdbc.sql("""
                        UPDATE direct_debit_collection SET status = 'COLLECTED', confirmed_by = :by, confirmed_at = :now
                        WHERE id = :id""")
                .param("id", runId).param("by", by).param("now", Timestamp.from(now)).update();
    }

    public void collected(UUID itemId, UUID paymentId) {
        jdbc.sql("UPDATE direct_debit_collection_item SET status = 'COLLECTED', payment_id = :payment WHERE id = :id")
                .param("id", itemId).param("payment", paymentId).update();
    }

    public void returned(UUID itemId, UUID returnId, DirectDebitReturnReason reason, LocalDate on) {
        jdbc.sql("""
                        UPDATE direct_debit_collection_item SET status = 'RETURNED', return_id = :returnId,
                               return_reason = :reason, returned_on = :on
                        WHERE id = :id""")
                .param("id", itemId).param("returnId", returnId).param("reason", reason.name())
                .param("on", Date.valueOf(on)).update();
    }

    private StoredRun run(ResultSet rs, int n) throws SQLException {
        Timestamp confirmed = rs.getTimestamp("confirmed_at");
        return new StoredRun(new CollectionView(rs.getObject("id", UUID.class), rs.getObject("issuer_id", UUID.class),
                rs.getDate("collection_date").toLocalDate(), CollectionStatus.valueOf(rs.getString("status")),
                rs.getString("message_id"), rs.getInt("item_count"),
                new Money(rs.getBigDecimal("control_sum"), Currency.getInstance(rs.getString("currency"))),
                rs.getTimestamp("created_at").toInstant(), confirmed == null ? null : confirmed.toInstant(),
                List.of()), rs.getString("issuer_path"));
    }

    private static StoredItem item(ResultSet rs, int n) throws SQLException {
        Date returnedOn = rs.getDate("returned_on");
        String reason = rs.getString("return_reason");
        return new StoredItem(new CollectionItemView(rs.getObject("id", UUID.class),
                rs.getObject("buyer_id", UUID.class), rs.getObject("invoice_id", UUID.class),
                rs.getString("invoice_number"), rs.getObject("mandate_id", UUID.class),
                rs.getString("mandate_reference"), MandateSequence.valueOf(rs.getString("sequence")),
                new Money(rs.getBigDecimal("amount"), Currency.getInstance(rs.getString("currency"))),
                CollectionItemStatus.valueOf(rs.getString("status")), rs.getObject("payment_id", UUID.class),
                rs.getObject("return_id", UUID.class), reason == null ? null : DirectDebitReturnReason.valueOf(reason),
                returnedOn == null ? null : returnedOn.toLocalDate()), rs.getString("buyer_path"));
    }
}
