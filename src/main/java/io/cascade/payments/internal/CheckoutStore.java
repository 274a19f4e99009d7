package io.cascade.payments.internal;

import io.cascade.payments.api.CheckoutStatus;
import io.cascade.payments.api.CheckoutView;
import io.cascade.payments.api.OnlinePaymentStatus;
import io.cascade.shared.Money;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;

/** Hosted checkouts (table {@code online_checkout}) and the confirmations received (table {@code online_payment_callback}). */
@Repository
public class CheckoutStore {
    /** A checkout with the gateway it was made at. */
    public record Row(CheckoutView view, UUID gatewayId, String buyerPath) {
    }

    private static final String COLUMNS = """
            c.id, c.gateway_id, c.invoice_id, c.issuer_id, c.buyer_id, c.buyer_path, c.currency, c.amount, c.status,
            g.kind, c.gateway_payment_id, c.redirect_url, c.payment_id, c.created_at, c.completed_at""";
    private static final String FROM = " FROM online_checkout c JOIN payment_gateway g ON g.id = c.gateway_id ";
    private static final RowMapper<Row> ROW = (rs, n) -> {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Row(new CheckoutView(rs.getObject("id", UUID.class), rs.getObject("invoice_id", UUID.class),
                rs.getObject("issuer_id", UUID.class), rs.getObject("buyer_id", UUID.class),
                new Money(rs.getBigDecimal("amount"), Currency.getInstance(rs.getString("currency"))),
                CheckoutStatus.valueOf(rs.getString("status")), rs.getString("kind"),
                rs.getString("gateway_payment_id"), rs.getString("redirect_url"),
                rs.getObject("payment_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                completed == null ? null : completed.toInstant()),
                rs.getObject("gateway_id", UUID.class), rs.getString("buyer_path"));
    };

    private final JdbcClient jdbc;

    CheckoutStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serializes the starts of one invoice's checkouts until the transaction ends. */
    public void lockInvoice(UUID invoiceId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('online_checkout:' || :invoice, 0))")
                .param("invoice", invoiceId.toString()).query((rs, n) -> 1).list();
    }

    /** The newest OPEN checkout of the invoice at this gateway for this amount, started after {@code since}. */
    public Optional<Row> reusable(UUID invoiceId, UUID gatewayId, BigDecimal amount, Instant since) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + """
                        WHERE c.invoice_id = :invoice AND c.gateway_id = :gateway AND c.status = 'OPEN'
                          AND c.amount = :amount AND c.created_at > :since
                        ORDER BY c.created_at DESC LIMIT 1""")
                .param("invoice", invoiceId).param("gateway", gatewayId).param("amount", amount)
                .param("since", Timestamp.from(since)).query(ROW).optional();
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + "WHERE c.id = :id").param("id", id).query(ROW).optional();
    }

    /** The checkout of this gateway payment, locked until the transaction ends. */
    public Optional<Row> lockByPayment(UUID gatewayId, String gatewayPaymentId) {
        return jdbc.sql("SELECT " + COLUMNS + FROM
                        + "WHERE c.gateway_id = :gateway AND c.gateway_payment_id = :payment FOR UPDATE OF c")
                .param("gateway", gatewayId).param("payment", gatewayPaymentId).query(ROW).optional();
    }

    public void insert(CheckoutView checkout, UUID gatewayId, String buyerPath, UUID startedBy) {
        jdbc.sql("""
                        INSERT INTO online_checkout (id, gateway_id, invoice_id, issuer_id, buyer_id, buyer_path,
                                                     currency, amount, status, gateway_payment_id, redirect_url,
                                                     started_by, created_at)
                        VALUES (:id, :gateway, :invoice, :issuer, :buyer, :path, :currency, :amount, 'OPEN',
                                :payment, :redirect, :by, :now)""")
                .param("id", checkout.id()).param("gateway", gatewayId).param("invoice", checkout.invoiceId())
                .param("issuer", checkout.issuerAccountId()).param("buyer", checkout.buyerAccountId())
                .param("path", buyerPath).param("currency", checkout.amount().currency().getCurrencyCode())
                .param("amount", checkout.amount().amount()).param("payment", checkout.gatewayPaymentId())
                .param("redirect", checkout.redirectUrl()).param("by", startedBy)
                .param("now", Timestamp.from(checkout.createdAt())).update();
    }

    public void complete(UUID id, CheckoutStatus status, UUID paymentId, Instant now) {
        jdbc.sql("""
                        UPDATE online_checkout SET status = :status, payment_id = coalesce(:payment, payment_id),
                               completed_at = :now WHERE id = :id""")
                .param("id", id).param("status", status.name()).param("payment", paymentId)
                .param("now", Timestamp.from(now)).update();
    }

    /**
     * Notes a confirmation by its message id; false when that message was received before (a replay), in which case
     * nothing is written.
     */
    public boolean firstReceipt(UUID gatewayId, String messageId, UUID issuerId, UUID checkoutId,
                                OnlinePaymentStatus status, String outcome, Instant now) {
        return jdbc.sql("""
                        INSERT INTO online_payment_callback (gateway_id, message_id, issuer_id, checkout_id, status,
                                                             outcome, received_at)
                        VALUES (:gateway, :message, :issuer, :checkout, :status, :outcome, :now)
                        ON CONFLICT (gateway_id, message_id) DO NOTHING""")
                .param("gateway", gatewayId).param("message", messageId).param("issuer", issuerId)
                .param("checkout", checkoutId).param("status", status.name()).param("outcome", outcome)
                .param("now", Timestamp.from(now)).update() == 1;
    }

    /** How a confirmation received before was taken: its outcome. */
    public Optional<String> outcomeOf(UUID gatewayId, String messageId) {
        return jdbc.sql("SELECT outcome FROM online_payment_callback WHERE gateway_id = :gateway AND message_id = :m")
                .param("gateway", gatewayId).param("m", messageId).query(String.class).optional();
    }
}
