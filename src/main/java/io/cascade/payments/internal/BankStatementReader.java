package io.cascade.payments.internal;

import io.cascade.shared.InvalidInputException;

/**
 * Reads a bank statement's file by its kind: XML is ISO 20022 {@code camt.053} ({@link Camt053Reader}), anything else
 * the documented CSV ({@link StatementCsvReader}). A file is read whole before anything is written; a bad one is
 * refused with every problem named (at most {@value #MAX_PROBLEMS}).
 */
public final class BankStatementReader {
    /** More entries than this in one file are refused: split the statement. */
    public static final int MAX_LINES = 50_000;
    static final int MAX_PROBLEMS = 100;

    private BankStatementReader() {
    }

    public static StatementFile read(String content, boolean xml) {
        if (content == null || content.isBlank()) {
            throw new InvalidInputException("file", "is empty");
        }
        StatementFile file = xml ? Camt053Reader.read(content) : StatementCsvReader.read(content);
        if (file.lines().size() > MAX_LINES) {
            throw new InvalidInputException("file", "has " + file.lines().size() + " entries; at most " + MAX_LINES
                    + " are read at once");
        }
        return file;
    }

    /** Whether the content looks like XML (the panel's upload has no reliable content type). */
    public static boolean looksLikeXml(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        return text.stripLeading().startsWith("<");
    }
}
