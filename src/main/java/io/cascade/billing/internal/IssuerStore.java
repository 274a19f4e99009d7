package io.cascade.billing.internal;

import io.cascade.billing.api.BillingSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import io.cascade.billing.api.PaymentMethod;
import java.util.UUID;

/** An issuer's invoicing settings: billing_issuer (number prefix, payment term, payment settings) and tax_rate. */
@Repository
public class IssuerStore {
    private final JdbcClient jdbc;

    IssuerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public BillingSettings settings(UUID issuerId) {
        var head = jdbc.sql("""
                        SELECT number_prefix, payment_term_days, account_holder, iban, bic, accepted_methods
                        FROM billing_issuer WHERE issuer_id = :id""")
                .param("id", issuerId).query((rs, n) -> new Object[]{rs.getString("number_prefix"),
                        rs.getInt("payment_term_days"), payment(rs)}).optional()
                .orElse(new Object[]{"INV-{YYYY}-", 14, new BillingSettings.Payment(null, null, null, Set.of())});
        List<BillingSettings.TaxRate> rates = jdbc.sql("""
                        SELECT NULLIF(country, '--') AS buyer_country, rate FROM tax_rate WHERE issuer_id = :id
                        ORDER BY country <> '--', country""")
                .param("id", issuerId)
                .query((rs, n) -> new BillingSettings.TaxRate(rs.getString("buyer_country"),
                        plain(rs.getBigDecimal("rate"))))
                .list();
        return new BillingSettings((String) head[0], (Integer) head[1], rates, (BillingSettings.Payment) head[2]);
    }

    private static BillingSettings.Payment payment(ResultSet rs) throws SQLException {
        Set<PaymentMethod> methods = new TreeSet<>();
        for (String m : (String[]) rs.getArray("accepted_methods").getArray()) {
            methods.add(PaymentMethod.valueOf(m));
        }
        return new BillingSettings.Payment(rs.getString("account_holder"), rs.getString("iban"), rs.getString("bic"),
                methods);
    }

    private static BigDecimal plain(BigDecimal rate) {
        return rate.stripTrailingZeros().scale() < 0 ? rate.setScale(0) : rate.stripTrailingZeros();
    }

    /** The version of the issuer's settings: 0 until they are first changed, then one more with each change. */
    public long settingsVersion(UUID issuerId) {
        return jdbc.sql("SELECT settings_version FROM billing_issuer WHERE issuer_id = :id")
                .param("id", issuerId).query(Long.class).optional().orElse(0L);
    }

    /**
     * Locks the issuer's settings until the transaction ends (creating its row when missing), so that a check of
     * their version holds until {@link #update}; returns that version.
     */
    public long lockSettings(UUID issuerId, Instant now) {
        jdbc.sql("INSERT INTO billing_issuer (issuer_id, updated_at) VALUES (:id, :now) ON CONFLICT DO NOTHING")
                .param("id", issuerId).param("now", Timestamp.from(now)).update();
        return jdbc.sql("SELECT settings_version FROM billing_issuer WHERE issuer_id = :id FOR UPDATE")
                .param("id", issuerId).query(Long.class).single();
    }

    /**
     * Replaces the settings given (null fields stay as they are; taxRates, when given, replaces every rate) and
     * counts their version up by one. The row must be locked with {@link #lockSettings} first.
     */
    public void update(UUID issuerId, BillingSettings settings, Instant now) {
        jdbc.sql("""
                        UPDATE billing_issuer SET number_prefix = COALESCE(:prefix, number_prefix),
                               payment_term_days = COALESCE(:term, payment_term_days), updated_at = :now,
                               settings_version = settings_version + 1
                        WHERE issuer_id = :id""")
                .param("prefix", settings.numberPrefix()).param("term", settings.paymentTermDays())
                .param("now", Timestamp.from(now)).param("id", issuerId).update();
        BillingSettings.Payment payment = settings.payment();
        if (payment != null) {
            jdbc.sql("""
                            UPDATE billing_issuer SET account_holder = :holder, iban = :iban, bic = :bic,
                                   accepted_methods = :methods WHERE issuer_id = :id""")
                    .param("holder", payment.accountHolder()).param("iban", payment.iban()).param("bic", payment.bic())
                    .param("methods", payment.acceptedMethods() == null ? new String[0] : payment.acceptedMethods()
                            .stream().sorted().map(Enum::name).toArray(String[]::new))
                    .param("id", issuerId).update();
        }
        if (settings.taxRates() != null) {
            jdbc.sql("DELETE FROM tax_rate WHERE issuer_id = :id").param("id", issuerId).update();
            for (BillingSettings.TaxRate rate : settings.taxRates()) {
                jdbc.sql("INSERT INTO tax_rate (issuer_id, country, rate) VALUES (:id, :country, :rate)")
                        .param("id", issuerId).param("country", rate.country() == null ? "--" : rate.country())
                        .param("rate", rate.rate()).update();
            }
        }
    }
}
