package io.cascade.payments.internal;

import com.prowidesoftware.swift.model.MxBusinessProcess;
import com.prowidesoftware.swift.model.MxId;
import io.cascade.payments.api.BankStatementFormat;
import io.cascade.payments.api.StatementEntryDirection;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ISO 20022 {@code camt.053} bank statement of any version (ADR 0029): the JDK's parser reads the document,
 * Prowide's {@code MxId} identifies the message and its version from the {@code Document}'s namespace, and the entries
 * are read by the element names every version shares ({@code Stmt/Ntry}: {@code Amt}, {@code CdtDbtInd}, {@code Sts} (a code up to .001.03, {@code Sts/Cd}
 * from .001.04 on), {@code BookgDt}, {@code AcctSvcrRef}, {@code NtryRef}, and per transaction {@code RltdPties},
 * {@code RmtInf/Ustrd} and {@code RmtInf/Strd/CdtrRefInf/Ref}; the debtor's name is {@code Dbtr/Nm} or, from .001.08
 * on, {@code Dbtr/Pty/Nm}). A batch entry with several transactions of their own amounts is one line per transaction.
 * Every problem of the file is collected and refused at once, before anything is written.
 */
final class Camt053Reader {
    private Camt053Reader() {
    }

    static StatementFile read(String xml) {
        Element document = documentElement(xml);
        MxId mx;
        try {
            mx = new MxId(document.getNamespaceURI());
        } catch (RuntimeException e) {
            mx = null;
        }
        if (mx == null || mx.getBusinessProcess() == null) {
            throw new InvalidInputException("file", "is not an ISO 20022 message (its Document has the namespace "
                    + document.getNamespaceURI() + ")");
        }
        if (mx.getBusinessProcess() != MxBusinessProcess.camt || mx.getFunctionalityInt() != 53) {
            throw new InvalidInputException("file", "is " + mx.id() + ", not a bank-to-customer statement (camt.053)");
        }
        String version = "%03d.%02d".formatted(mx.getVariantInt(), mx.getVersionInt());
        Element statementRoot = child(document, "BkToCstmrStmt");
        if (statementRoot == null) {
            throw new InvalidInputException("file", "has no BkToCstmrStmt");
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<StatementLine> lines = new ArrayList<>();
        String statementId = null;
        String iban = null;
        int entryNumber = 0;
        for (Element statement : children(statementRoot, "Stmt")) {
            if (statementId == null) {
                statementId = text(statement, "Id");
                iban = text(statement, "Acct", "Id", "IBAN");
            }
            for (Element entry : children(statement, "Ntry")) {
                entryNumber++;
                readEntry(entry, entryNumber, lines, problems);
                if (problems.size() >= BankStatementReader.MAX_PROBLEMS) {
                    throw new InvalidInputException(problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException("file", "has no entries (Stmt/Ntry)");
        }
        return new StatementFile(BankStatementFormat.CAMT_053, version, statementId, iban, lines);
    }

    /**
     * The message's {@code Document} element (the root, or inside a business message envelope), read with the JDK's
     * parser (namespace-aware, no DTD, no external entities). Prowide's {@code AbstractMX.parse} binds the whole
     * message into its typed model first, which took seconds for 10,000 entries (benchmark P11); the entries are read
     * by element names alike in every version, so the typed model is not needed.
     */
    private static Element documentElement(String xml) {
        org.w3c.dom.Document parsed;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            parsed = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new InvalidInputException("file", "is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element root = parsed.getDocumentElement();
        Element document = "Document".equals(localName(root)) ? root : descendant(root, "Document");
        if (document == null || document.getNamespaceURI() == null) {
            throw new InvalidInputException("file", "is not an ISO 20022 message (no Document element in a "
                    + "namespace)");
        }
        return document;
    }

    private static Element descendant(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (localName.equals(localName(e))) {
                    return e;
                }
                Element deeper = descendant(e, localName);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    private static void readEntry(Element entry, int number, List<StatementLine> lines, List<FieldProblem> problems) {
        String field = "Ntry[" + number + "]";
        Element amountElement = child(entry, "Amt");
        BigDecimal amount = amount(amountElement, field + ".Amt", problems);
        String currency = amountElement == null ? null : amountElement.getAttribute("Ccy");
        if (amountElement != null && (currency == null || !currency.matches("[A-Z]{3}")
                || !StatementCsvReader.known(currency))) {
            problems.add(new FieldProblem(field + ".Amt.Ccy", "must be an ISO 4217 currency code"));
        }
        String indicator = text(entry, "CdtDbtInd");
        StatementEntryDirection direction = null;
        if ("CRDT".equals(indicator)) {
            direction = StatementEntryDirection.CREDIT;
        } else if ("DBIT".equals(indicator)) {
            direction = StatementEntryDirection.DEBIT;
        } else {
            problems.add(new FieldProblem(field + ".CdtDbtInd", "must be CRDT or DBIT"));
        }
        String status = text(entry, "Sts");
        String code = text(entry, "Sts", "Cd");
        boolean booked = "BOOK".equals(code != null ? code : status);
        LocalDate bookingDate = date(child(entry, "BookgDt"), field + ".BookgDt", problems);
        if (bookingDate == null && problems.stream().noneMatch(p -> p.field().startsWith(field + ".BookgDt"))) {
            problems.add(new FieldProblem(field + ".BookgDt", "is required"));
        }
        String reference = first(text(entry, "AcctSvcrRef"), text(entry, "NtryRef"));
        if (amount == null || direction == null || bookingDate == null || currency == null) {
            return;
        }
        List<Element> transactions = new ArrayList<>();
        for (Element details : children(entry, "NtryDtls")) {
            transactions.addAll(children(details, "TxDtls"));
        }
        if (transactions.size() > 1 && transactions.stream().allMatch(t -> transactionAmount(t) != null)) {
            for (int i = 0; i < transactions.size(); i++) {
                Element tx = transactions.get(i);
                BigDecimal txAmount = amount(transactionAmount(tx), field + ".TxDtls[" + (i + 1) + "].Amt",
                        problems);
                if (txAmount == null) {
                    continue;
                }
                String txReference = first(text(tx, "Refs", "AcctSvcrRef"),
                        reference == null ? null : reference + "/" + (i + 1));
                lines.add(line(lines.size() + 1, bookingDate, txAmount, currency, direction, booked, tx,
                        txReference));
            }
        } else {
            lines.add(line(lines.size() + 1, bookingDate, amount, currency, direction, booked,
                    transactions.isEmpty() ? null : transactions.get(0), reference));
        }
    }

    private static StatementLine line(int position, LocalDate day, BigDecimal amount, String currency,
                                      StatementEntryDirection direction, boolean booked, Element tx,
                                      String reference) {
        String name = null;
        String iban = null;
        List<String> ustrd = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        if (tx != null) {
            boolean credit = direction == StatementEntryDirection.CREDIT;
            String party = credit ? "Dbtr" : "Cdtr";
            name = first(text(tx, "RltdPties", party, "Nm"), text(tx, "RltdPties", party, "Pty", "Nm"));
            iban = text(tx, "RltdPties", party + "Acct", "Id", "IBAN");
            Element remittance = child(tx, "RmtInf");
            if (remittance != null) {
                for (Element u : children(remittance, "Ustrd")) {
                    ustrd.add(u.getTextContent().strip());
                }
                for (Element s : children(remittance, "Strd")) {
                    String ref = text(s, "CdtrRefInf", "Ref");
                    if (ref != null) {
                        refs.add(ref);
                    }
                }
            }
        }
        String text = ustrd.isEmpty() ? null : String.join(" ", ustrd);
        return new StatementLine(position, day, amount, currency, direction, booked, name, iban, text,
                List.copyOf(refs), reference);
    }

    private static Element transactionAmount(Element tx) {
        Element direct = child(tx, "Amt");
        if (direct != null) {
            return direct;
        }
        Element details = child(tx, "AmtDtls");
        if (details == null) {
            return null;
        }
        Element txAmount = child(details, "TxAmt");
        return txAmount == null ? null : child(txAmount, "Amt");
    }

    private static BigDecimal amount(Element element, String field, List<FieldProblem> problems) {
        if (element == null) {
            problems.add(new FieldProblem(field, "is required"));
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(element.getTextContent().strip());
            if (value.signum() < 0 || value.scale() > 5 || value.precision() - value.scale() > 15) {
                problems.add(new FieldProblem(field, "must be a positive amount with at most 15 digits"));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "must be a decimal amount"));
            return null;
        }
    }

    private static LocalDate date(Element choice, String field, List<FieldProblem> problems) {
        if (choice == null) {
            return null;
        }
        String text = first(text(choice, "Dt"), text(choice, "DtTm"));
        if (text == null || text.length() < 10) {
            problems.add(new FieldProblem(field, "must have Dt or DtTm"));
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be a date (YYYY-MM-DD)"));
            return null;
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** The trimmed text of the element at this path of child names below {@code from}; null when absent or empty. */
    static String text(Element from, String... path) {
        Element at = from;
        for (String name : path) {
            at = child(at, name);
            if (at == null) {
                return null;
            }
        }
        String text = at.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localName(e))) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localName(e))) {
                result.add(e);
            }
        }
        return result;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }
}
