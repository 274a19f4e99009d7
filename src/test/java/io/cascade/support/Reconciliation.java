package io.cascade.support;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.api.Balances;
import io.cascade.billing.api.StatementView;
import io.cascade.shared.Caller;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payments, allocations and balances reconcile (issue 17, ADR 0027): for every issuer-buyer pair and currency,
 * {@code invoices − credit notes − payments + refunds + returns − write-offs} equals the balance, which is the sum of
 * the invoices' amount due minus the pair's credit (a returned payment counts like a refund, ADR 0030); the credit is
 * {@code payments − refunds − returns + credit notes not against an invoice − allocations}; every invoice's {@code paid} and {@code written_off} are the sums of its allocation and
 * write-off rows, nothing is due below zero and its status follows from its amounts. The whole check is one
 * statement (one snapshot), so that a billing run committing chunks meanwhile never makes it see half a change. The
 * statement of account of every pair whose balance row changed since the last check must close at the same balance.
 */
public final class Reconciliation {
    private static final Map<String, String> CHECKED = new ConcurrentHashMap<>();

    private static final String VIOLATIONS = """
            WITH docs AS (
                SELECT issuer_id, buyer_id, currency,
                       sum(total) AS documents,
                       sum(CASE WHEN kind = 'INVOICE' THEN total - paid + credited - written_off ELSE 0 END) AS due,
                       sum(CASE WHEN kind = 'CREDIT_NOTE' AND credited_invoice_id IS NULL THEN -total ELSE 0 END)
                           AS free_credit
                FROM invoice GROUP BY 1, 2, 3),
            pay AS (SELECT issuer_id, buyer_id, currency, sum(amount) AS s FROM payment GROUP BY 1, 2, 3),
            ref AS (SELECT issuer_id, buyer_id, currency, sum(amount) AS s FROM credit_refund GROUP BY 1, 2, 3),
            wo AS (SELECT issuer_id, buyer_id, currency, sum(amount) AS s FROM invoice_write_off GROUP BY 1, 2, 3),
            ret AS (SELECT issuer_id, buyer_id, currency, sum(amount) AS s FROM payment_return GROUP BY 1, 2, 3),
            alloc AS (SELECT issuer_id, buyer_id, currency, sum(amount) AS s FROM payment_allocation GROUP BY 1, 2, 3),
            pairs AS (SELECT issuer_id, buyer_id, currency FROM docs UNION SELECT issuer_id, buyer_id, currency FROM pay
                      UNION SELECT issuer_id, buyer_id, currency FROM buyer_balance),
            sums AS (
                SELECT p.issuer_id, p.buyer_id, p.currency,
                       coalesce(d.documents, 0) - coalesce(pay.s, 0) + coalesce(ref.s, 0) + coalesce(ret.s, 0)
                           - coalesce(wo.s, 0) AS ledger,
                       coalesce(d.due, 0) AS due, coalesce(b.credit, 0) AS credit,
                       coalesce(pay.s, 0) - coalesce(ref.s, 0) - coalesce(ret.s, 0) + coalesce(d.free_credit, 0)
                           - coalesce(alloc.s, 0) AS expected_credit
                FROM pairs p
                LEFT JOIN docs d USING (issuer_id, buyer_id, currency)
                LEFT JOIN pay USING (issuer_id, buyer_id, currency)
                LEFT JOIN ref USING (issuer_id, buyer_id, currency)
                LEFT JOIN wo USING (issuer_id, buyer_id, currency)
                LEFT JOIN ret USING (issuer_id, buyer_id, currency)
                LEFT JOIN alloc USING (issuer_id, buyer_id, currency)
                LEFT JOIN buyer_balance b USING (issuer_id, buyer_id, currency)),
            invoices AS (
                SELECT i.id, i.number, i.status, i.total - i.paid + i.credited - i.written_off AS due, i.paid,
                       i.written_off, i.total,
                       (SELECT coalesce(sum(a.amount), 0) FROM payment_allocation a WHERE a.invoice_id = i.id) AS allocated,
                       (SELECT coalesce(sum(w.amount), 0) FROM invoice_write_off w WHERE w.invoice_id = i.id) AS written
                FROM invoice i
                WHERE i.kind = 'INVOICE' AND (i.paid <> 0 OR i.written_off <> 0 OR i.status <> 'OPEN'
                      OR EXISTS (SELECT 1 FROM payment_allocation a WHERE a.invoice_id = i.id)))
            SELECT 'pair ' || issuer_id || '/' || buyer_id || ' ' || currency || ': ledger ' || ledger || ', due '
                   || due || ' − credit ' || credit || ', credit expected ' || expected_credit AS violation
            FROM sums WHERE ledger <> due - credit OR credit <> expected_credit OR credit < 0
            UNION ALL
            SELECT 'invoice ' || number || ' (' || status || '): paid ' || paid || ' of allocations ' || allocated
                   || ', written off ' || written_off || ' of write-offs ' || written || ', due ' || due
            FROM invoices
            WHERE paid <> allocated OR written_off <> written OR due < 0
               OR status <> CASE WHEN due > 0 THEN 'OPEN' WHEN written_off > 0 THEN 'UNCOLLECTIBLE'
                                 WHEN paid = 0 AND total <> 0 THEN 'VOID' ELSE 'PAID' END""";

    private Reconciliation() {
    }

    /** What does not reconcile, one line per pair or invoice; empty when everything does. */
    public static List<String> violations(JdbcClient jdbc) {
        return jdbc.sql(VIOLATIONS).query(String.class).list();
    }

    /** Asserts that every pair reconciles, and that the statements of the pairs changed since the last check close. */
    public static void check(ApplicationContext context) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        assertThat(violations(jdbc)).as("payments, allocations and balances reconcile").isEmpty();

        ScopedAccount provider = context.getBean(AccountScope.class).provider().orElseThrow();
        Caller platform = Caller.system(provider.id(), provider.path(), "reconciliation");
        Balances balances = context.getBean(Balances.class);
        List<String> wrong = new ArrayList<>();
        jdbc.sql("SELECT issuer_id, buyer_id, currency, credit, updated_at FROM buyer_balance")
                .query(rs -> {
                    UUID issuer = rs.getObject("issuer_id", UUID.class);
                    UUID buyer = rs.getObject("buyer_id", UUID.class);
                    String currency = rs.getString("currency");
                    String key = issuer + "/" + buyer + "/" + currency;
                    String state = rs.getBigDecimal("credit").toPlainString() + "@" + rs.getTimestamp("updated_at");
                    if (state.equals(CHECKED.get(key))) {
                        return;
                    }
                    StatementView statement = balances.statement(platform, issuer, buyer, true, currency);
                    BigDecimal closing = statement.closingBalance().amount();
                    BigDecimal last = statement.entries().isEmpty() ? BigDecimal.ZERO
                            : statement.entries().get(statement.entries().size() - 1).balance().amount();
                    BigDecimal expected = statement.amountDue().amount().subtract(statement.credit().amount());
                    if (closing.compareTo(expected) != 0 || last.compareTo(closing) != 0) {
                        wrong.add(key + ": closing " + closing + ", last entry " + last + ", due − credit " + expected);
                    } else {
                        CHECKED.put(key, state);
                    }
                });
        assertThat(wrong).as("statements close at the balance").isEmpty();
    }
}
