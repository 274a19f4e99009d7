package io.cascade.billing.internal;

import io.cascade.billing.api.StatementView;
import org.springframework.stereotype.Component;

/** A statement of account as CSV: one row per entry with the running balance, then the closing row. */
@Component
public class StatementDocuments {
    private static final String HEADER = "date,type,reference,currency,amount,balance\r\n";

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
