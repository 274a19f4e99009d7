package io.cascade.payments.internal;

import io.cascade.payments.api.BankStatementFormat;

import java.util.List;

/** A bank statement read from its file: its format (and camt.053 version), the bank's ids, and its lines. */
public record StatementFile(BankStatementFormat format, String messageVersion, String bankStatementId, String accountIban,
                     List<StatementLine> lines) {
}
