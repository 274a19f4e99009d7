package io.cascade.billing.internal;

import io.cascade.billing.api.StatementView;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A statement of account as CSV (one row per entry with the running balance, then the closing row) and as PDF (the
 * template {@code billing/statement.html}, rendered as invoices are, in the issuer's brand).
 */
@Component
public class StatementDocuments {
    private static final String HEADER = "date,type,reference,currency,amount,balance\r\n";

    private final TemplateEngine templates;
    private final DocumentBrands brands;

    StatementDocuments(TemplateEngine templates, DocumentBrands brands) {
        this.templates = templates;
        this.brands = brands;
    }

    /** The PDF, in the brand of the issuer (its materialized path), as its invoices carry it. */
    public byte[] pdf(StatementView statement, String issuerPath, LocalDate asOf) {
        Context context = new Context(Locale.ROOT);
        context.setVariable("statement", statement);
        context.setVariable("brand", brands.ofIssuer(issuerPath));
        context.setVariable("asOf", asOf.toString());
        String html = templates.process("billing/statement", context);
        return HtmlPdf.render(html);
    }

    public String csv(StatementView statement) {
        StringBuilder out = new StringBuilder(HEADER);
        for (StatementView.Entry e : statement.entries()) {
            row(out, e.date().toString(), e.type().name(), e.reference() == null ? "" : e.reference(),
                    statement.currency(), e.amount().amount().toPlainString(), e.balance().amount().toPlainString());
        }
        row(out, "", "CLOSING_BALANCE", "", statement.currency(), "",
                statement.closingBalance().amount().toPlainString());
        return out.toString();
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(InvoiceDocuments.escape(cells[i]));
        }
        out.append("\r\n");
    }
}
