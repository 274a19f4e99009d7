package io.cascade.payments.internal;

import io.cascade.payments.api.StatementEntryDirection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One line of a bank statement as the file said it, whatever its format: {@code position} from 1 in file order,
 * {@code amount} unsigned with its {@code direction}, {@code booked} (camt.053 status {@code BOOK}; a CSV line always
 * is), the counterparty, the remittance text (unstructured lines joined), the structured references
 * ({@code CdtrRefInf/Ref}) and the bank's reference ({@code AcctSvcrRef}, else {@code NtryRef}; the CSV's column).
 */
public record StatementLine(int position, LocalDate bookingDate, BigDecimal amount, String currency,
                     StatementEntryDirection direction, boolean booked, String counterpartyName,
                     String counterpartyIban, String remittance, List<String> references, String bankReference) {

    public boolean payment() {
        return direction == StatementEntryDirection.CREDIT && booked;
    }

    /** The remittance text and the structured references, as the text matching reads them. */
    public String matchText() {
        StringBuilder text = new StringBuilder(remittance == null ? "" : remittance);
        for (String reference : references) {
            text.append(' ').append(reference);
        }
        return text.toString();
    }
}
