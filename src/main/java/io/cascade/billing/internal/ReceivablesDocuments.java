package io.cascade.billing.internal;

import io.cascade.billing.api.MrrReport;
import io.cascade.billing.api.ReceivablesAgeing;
import org.springframework.stereotype.Component;

/** The receivables reports as CSV (cells escaped as on invoices, so that no cell runs as a formula). */
@Component
public class ReceivablesDocuments {
    private static final String AGEING_HEADER =
            "currency,buyerId,buyer,current,days1To30,days31To60,days61To90,over90,total\r\n";
    private static final String MRR_HEADER =
            "currency,month,mrr,new,expansion,contraction,churn,subscriptions\r\n";

    public String ageingCsv(ReceivablesAgeing ageing) {
        StringBuilder out = new StringBuilder(AGEING_HEADER);
        for (ReceivablesAgeing.CurrencyAgeing c : ageing.currencies()) {
            for (ReceivablesAgeing.Buyer b : c.buyers()) {
                buckets(out, c.currency(), b.buyerId().toString(), b.companyName(), b.buckets());
            }
            buckets(out, c.currency(), "", "TOTAL", c.totals());
        }
        return out.toString();
    }

    public String mrrCsv(MrrReport report) {
        StringBuilder out = new StringBuilder(MRR_HEADER);
        for (MrrReport.Series s : report.currencies()) {
            for (MrrReport.Month m : s.months()) {
                row(out, s.currency(), m.month().toString(), m.mrr().amount().toPlainString(),
                        m.newMrr().amount().toPlainString(), m.expansion().amount().toPlainString(),
                        m.contraction().amount().toPlainString(), m.churn().amount().toPlainString(),
                        Integer.toString(m.subscriptions()));
            }
        }
        return out.toString();
    }

    private static void buckets(StringBuilder out, String currency, String id, String name,
                                ReceivablesAgeing.Buckets b) {
        row(out, currency, id, name, b.current().amount().toPlainString(), b.days1To30().amount().toPlainString(),
                b.days31To60().amount().toPlainString(), b.days61To90().amount().toPlainString(),
                b.over90().amount().toPlainString(), b.total().amount().toPlainString());
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
