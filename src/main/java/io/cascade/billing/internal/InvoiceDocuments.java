package io.cascade.billing.internal;

import io.cascade.shared.Caller;
import io.cascade.accounts.api.BillingParties;
import io.cascade.billing.api.BillingSettings;
import io.cascade.billing.api.InvoiceKind;
import io.cascade.billing.api.InvoiceView;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The documents of an invoice: CSV (RAW) and PDF — the Thymeleaf template {@code billing/invoice.html} rendered to
 * PDF by openhtmltopdf, with the issuer's brand (its name and PNG logo in the header, its colour on the header rule and
 * table heads, its support contacts and legal footer at the foot of every page: {@link DocumentBrands}), the issuer's
 * company profile and billing signature, the buyer, lines, tax and totals.
 */
@Component
public class InvoiceDocuments {
    /** A decimal number as the CSV writes amounts and quantities: safe in a spreadsheet, and must stay a number. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

    private static final String CSV_HEADER = "number,kind,issueDate,dueDate,currency,position,description,"
            + "subscriptionId,periodStart,periodEnd,quantity,unitPrice,amount,taxRate,tax\r\n";

    private final TemplateEngine templates;
    private final BillingParties parties;
    private final IssuerStore issuers;
    private final DocumentBrands brands;

    InvoiceDocuments(TemplateEngine templates, BillingParties parties, IssuerStore issuers, DocumentBrands brands) {
        this.templates = templates;
        this.parties = parties;
        this.issuers = issuers;
        this.brands = brands;
    }

    /**
     * One row per line, then the subtotal, tax and total rows (their description says which), and on a reverse-charge
     * document a NOTE row with the legal note and the buyer's VAT id. An invoice also names the issuer's bank account
     * (PAY TO) and accepted payment methods (ACCEPTED), as its payment settings are now.
     */
    public String csv(InvoiceView invoice) {
        StringBuilder out = new StringBuilder(CSV_HEADER);
        for (InvoiceView.Line l : invoice.lines()) {
            row(out, invoice, String.valueOf(l.position()), l.description(), str(l.subscriptionId()),
                    str(l.periodStart()), str(l.periodEnd()), plain(l.quantity()), plain(l.unitPrice().amount()),
                    l.amount().amount().toPlainString(), plain(l.taxRate()), l.tax().amount().toPlainString());
        }
        row(out, invoice, "", "SUBTOTAL", "", "", "", "", "", invoice.subtotal().amount().toPlainString(), "", "");
        row(out, invoice, "", "TAX", "", "", "", "", "", "", "", invoice.tax().amount().toPlainString());
        row(out, invoice, "", "TOTAL", "", "", "", "", "", invoice.total().amount().toPlainString(), "", "");
        BillingSettings.Payment pay = issuers.settings(invoice.issuerAccountId()).payment();
        if (invoice.kind() == InvoiceKind.INVOICE && pay.iban() != null) {
            row(out, invoice, "", "PAY TO: " + pay.accountHolder() + ", IBAN " + pay.iban()
                    + (pay.bic() == null ? "" : ", BIC " + pay.bic()), "", "", "", "", "", "", "", "");
        }
        if (invoice.kind() == InvoiceKind.INVOICE && !pay.acceptedMethods().isEmpty()) {
            row(out, invoice, "", "ACCEPTED: " + pay.acceptedMethods().stream().map(Enum::name)
                    .collect(java.util.stream.Collectors.joining(" ")), "", "", "", "", "", "", "", "");
        }
        if (invoice.taxNote() != null) {
            row(out, invoice, "", "NOTE: " + invoice.taxNote() + ". Buyer's VAT id: " + invoice.buyerVatId(), "", "",
                    "", "", "", "", "", "");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, InvoiceView invoice, String... fields) {
        List<String> all = new java.util.ArrayList<>(List.of(invoice.number(), invoice.kind().name(),
                invoice.issueDate().toString(), invoice.dueDate().toString(), invoice.currency()));
        all.addAll(List.of(fields));
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(all.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * RFC 4180 quoting; a cell that starts with =, +, -, @, a tab or a carriage return is prefixed with ' so that
     * spreadsheets never run it as a formula (OWASP's rule for CSV injection) — unless it is a plain number such as
     * a credit line's {@code -12.50}, which no spreadsheet runs and which must stay a number.
     */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(v).matches()) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    public byte[] pdf(Caller caller, InvoiceView invoice) {
        var found = parties.of(caller, List.of(invoice.issuerAccountId(), invoice.buyerAccountId()));
        Context context = new Context(Locale.ROOT);
        context.setVariable("invoice", invoice);
        context.setVariable("issuer", found.get(invoice.issuerAccountId()));
        context.setVariable("buyer", found.get(invoice.buyerAccountId()));
        context.setVariable("brand", brands.ofIssuer(invoice.issuerPath()));
        context.setVariable("payment", invoice.kind() == InvoiceKind.INVOICE
                ? issuers.settings(invoice.issuerAccountId()).payment() : null);
        String html = templates.process("billing/invoice", context);
        return HtmlPdf.render(html);
    }

    private static String str(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String plain(BigDecimal value) {
        return ChargeCalculator.plain(value);
    }
}
