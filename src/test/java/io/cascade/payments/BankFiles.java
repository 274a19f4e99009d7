package io.cascade.payments;

import java.util.ArrayList;
import java.util.List;

/**
 * Bank statement files for the tests: camt.053 in the shape of version .001.02 (the SEPA era: {@code Sts} a code,
 * {@code Dbtr/Nm}) or .001.08 and later ({@code Sts/Cd}, {@code Dbtr/Pty/Nm}), and the documented CSV.
 */
public final class BankFiles {
    private BankFiles() {
    }

    /** One entry: {@code credit} or a debit; {@code status} BOOK or PDNG; references may be null. */
    public record Entry(String amount, String currency, boolean credit, String status, String bookingDate,
                        String bankReference, String debtorName, String debtorIban, String unstructured,
                        String creditorReference) {
        public static Entry credit(String amount, String bookingDate, String bankReference, String text) {
            return new Entry(amount, "EUR", true, "BOOK", bookingDate, bankReference, "Payer " + amount,
                    "DE89370400440532013000", text, null);
        }

        public Entry withCreditorReference(String reference) {
            return new Entry(amount, currency, credit, status, bookingDate, bankReference, debtorName, debtorIban,
                    unstructured, reference);
        }

        public Entry debit() {
            return new Entry(amount, currency, false, status, bookingDate, bankReference, debtorName, debtorIban,
                    unstructured, creditorReference);
        }

        public Entry pending() {
            return new Entry(amount, currency, credit, "PDNG", bookingDate, bankReference, debtorName, debtorIban,
                    unstructured, creditorReference);
        }
    }

    /** A camt.053 statement of this version ({@code "02"} or {@code "08"}, and the later ones alike). */
    public static String camt053(String version, String statementId, List<Entry> entries) {
        boolean old = Integer.parseInt(version) < 4;
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.").append(version)
                .append("\"><BkToCstmrStmt><GrpHdr><MsgId>").append(statementId)
                .append("</MsgId><CreDtTm>2026-01-01T08:00:00</CreDtTm></GrpHdr><Stmt><Id>").append(statementId)
                .append("</Id><CreDtTm>2026-01-01T08:00:00</CreDtTm>")
                .append("<Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></Acct>");
        for (Entry e : entries) {
            x.append("<Ntry>");
            if (e.bankReference() != null) {
                x.append("<NtryRef>").append(e.bankReference()).append("</NtryRef>");
            }
            x.append("<Amt Ccy=\"").append(e.currency()).append("\">").append(e.amount()).append("</Amt>")
                    .append("<CdtDbtInd>").append(e.credit() ? "CRDT" : "DBIT").append("</CdtDbtInd>");
            x.append(old ? "<Sts>" + e.status() + "</Sts>" : "<Sts><Cd>" + e.status() + "</Cd></Sts>");
            x.append("<BookgDt><Dt>").append(e.bookingDate()).append("</Dt></BookgDt>")
                    .append("<ValDt><Dt>").append(e.bookingDate()).append("</Dt></ValDt>");
            if (e.bankReference() != null) {
                x.append("<AcctSvcrRef>").append(e.bankReference()).append("</AcctSvcrRef>");
            }
            x.append("<BkTxCd><Prtry><Cd>NTRF</Cd><Issr>ZKA</Issr></Prtry></BkTxCd>");
            x.append("<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>");
            String party = e.credit() ? "Dbtr" : "Cdtr";
            x.append("<RltdPties><").append(party).append(">")
                    .append(old ? "<Nm>" + e.debtorName() + "</Nm>" : "<Pty><Nm>" + e.debtorName() + "</Nm></Pty>")
                    .append("</").append(party).append("><").append(party).append("Acct><Id><IBAN>")
                    .append(e.debtorIban()).append("</IBAN></Id></").append(party).append("Acct></RltdPties>");
            if (e.unstructured() != null || e.creditorReference() != null) {
                x.append("<RmtInf>");
                if (e.unstructured() != null) {
                    x.append("<Ustrd>").append(e.unstructured()).append("</Ustrd>");
                }
                if (e.creditorReference() != null) {
                    x.append("<Strd><CdtrRefInf>")
                            .append(old ? "<Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
                                    : "<Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>")
                            .append("<Ref>").append(e.creditorReference()).append("</Ref></CdtrRefInf></Strd>");
                }
                x.append("</RmtInf>");
            }
            x.append("</TxDtls></NtryDtls></Ntry>");
        }
        x.append("</Stmt></BkToCstmrStmt></Document>\n");
        return x.toString();
    }

    /** The documented CSV: amounts signed (a debit negative). */
    public static String csv(List<Entry> entries) {
        List<String> lines = new ArrayList<>();
        lines.add("booking_date,amount,currency,counterparty_name,counterparty_iban,remittance,bank_reference");
        for (Entry e : entries) {
            lines.add(String.join(",", e.bookingDate(), (e.credit() ? "" : "-") + e.amount(), e.currency(),
                    quote(e.debtorName()), e.debtorIban(), quote(e.unstructured()),
                    e.bankReference() == null ? "" : e.bankReference()));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String quote(String text) {
        return text == null ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
