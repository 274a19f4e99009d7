package io.cascade.billing.internal;

import io.cascade.billing.api.InvoiceStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * One-off invoices of a single fee line (a late fee of dunning): numbered from the issuer's counter like every other
 * document, in the caller's transaction, so the numbers stay gapless.
 */
@Repository
public class FeeInvoices {
    private final JdbcClient jdbc;
    private final InvoiceStore invoices;

    FeeInvoices(JdbcClient jdbc, InvoiceStore invoices) {
        this.jdbc = jdbc;
        this.invoices = invoices;
    }

    /** The pair's paths and the format of its latest invoice (empty: the issuer never invoiced the buyer). */
    public record Parties(String issuerPath, String buyerPath, String format) {
    }

    public Optional<Parties> parties(UUID issuerId, UUID buyerId) {
        return jdbc.sql("""
                        SELECT issuer_path, buyer_path, format FROM invoice
                        WHERE issuer_id = :issuer AND buyer_id = :buyer AND kind = 'INVOICE'
                        ORDER BY issue_date DESC, id DESC LIMIT 1""")
                .param("issuer", issuerId).param("buyer", buyerId)
                .query((rs, n) -> new Parties(rs.getString("issuer_path"), rs.getString("buyer_path"),
                        rs.getString("format"))).optional();
    }

    /** Writes the invoice with its one untaxed line; answers its id and number. */
    public String[] write(UUID id, UUID issuerId, UUID buyerId, Parties parties, String currency, BigDecimal amount,
                          String description, LocalDate issueDate, Instant now) {
        InvoiceStore.Numbers numbers = invoices.take(issuerId, 1, now);
        String number = numbers.number(numbers.first(), issueDate);
        jdbc.sql("""
                        INSERT INTO invoice (id, number, kind, issuer_id, issuer_path, buyer_id, buyer_path, issue_date,
                                             due_date, currency, subtotal, tax, total, format, reason, status,
                                             created_at, reverse_charge)
                        VALUES (:id, :number, 'INVOICE', :issuer, :issuerPath, :buyer, :buyerPath, :issue, :due,
                                :currency, :amount, 0, :amount, :format, :reason, :status, :now, false)""")
                .param("id", id).param("number", number).param("issuer", issuerId)
                .param("issuerPath", parties.issuerPath()).param("buyer", buyerId)
                .param("buyerPath", parties.buyerPath()).param("issue", Date.valueOf(issueDate))
                .param("due", Date.valueOf(issueDate.plusDays(numbers.paymentTermDays())))
                .param("currency", currency).param("amount", amount).param("format", parties.format())
                .param("reason", description).param("status", InvoiceStatus.OPEN.name())
                .param("now", Timestamp.from(now)).update();
        jdbc.sql("""
                        INSERT INTO invoice_line (id, invoice_id, position, description, quantity, unit_price, amount,
                                                  tax_rate, tax)
                        VALUES (:id, :invoice, 1, :description, 1, :amount, :amount, 0, 0)""")
                .param("id", TimeOrderedIds.next()).param("invoice", id).param("description", description)
                .param("amount", amount).update();
        return new String[]{id.toString(), number};
    }
}
