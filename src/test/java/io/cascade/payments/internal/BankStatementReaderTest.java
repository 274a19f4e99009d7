package io.cascade.payments.internal;

import io.cascade.payments.BankFiles;
import io.cascade.payments.BankFiles.Entry;
import io.cascade.payments.api.BankStatementFormat;
import io.cascade.payments.api.StatementEntryDirection;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading camt.053 of two versions and the CSV into the same lines; bad files refused with every problem named. */
class BankStatementReaderTest {
    private static final List<Entry> ENTRIES = List.of(
            Entry.credit("25.00", "2026-08-03", "REF-1", "INV-2026-000001 thank you"),
            Entry.credit("22.50", "2026-08-04", null, null).withCreditorReference("RF18INV2026000002"),
            Entry.credit("10.00", "2026-08-05", "REF-3", "rent").debit(),
            Entry.credit("5.00", "2026-08-05", "REF-4", "later").pending());

    @ParameterizedTest
    @ValueSource(strings = {"02", "08", "13"})
    void camt053OfEveryVersionIsReadAlike(String version) {
        StatementFile file = BankStatementReader.read(BankFiles.camt053(version, "STMT-1", ENTRIES), true);
        assertThat(file.format()).isEqualTo(BankStatementFormat.CAMT_053);
        assertThat(file.messageVersion()).isEqualTo("001." + version);
        assertThat(file.bankStatementId()).isEqualTo("STMT-1");
        assertThat(file.accountIban()).isEqualTo("DE02120300000000202051");
        assertThat(file.lines()).hasSize(4);
        StatementLine first = file.lines().get(0);
        assertThat(first.amount()).isEqualByComparingTo("25.00");
        assertThat(first.currency()).isEqualTo("EUR");
        assertThat(first.bookingDate()).isEqualTo(LocalDate.of(2026, 8, 3));
        assertThat(first.direction()).isEqualTo(StatementEntryDirection.CREDIT);
        assertThat(first.booked()).isTrue();
        assertThat(first.bankReference()).isEqualTo("REF-1");
        assertThat(first.counterpartyName()).isEqualTo("Payer 25.00");
        assertThat(first.counterpartyIban()).isEqualTo("DE89370400440532013000");
        assertThat(first.remittance()).isEqualTo("INV-2026-000001 thank you");
        assertThat(file.lines().get(1).references()).containsExactly("RF18INV2026000002");
        assertThat(file.lines().get(1).matchText()).isEqualTo(" RF18INV2026000002");
        assertThat(file.lines().get(2).direction()).isEqualTo(StatementEntryDirection.DEBIT);
        assertThat(file.lines().get(2).counterpartyName()).isEqualTo("Payer 10.00");
        assertThat(file.lines().get(3).booked()).isFalse();
        assertThat(file.lines().stream().filter(StatementLine::payment)).hasSize(2);
    }

    @Test
    void csvIsReadIntoTheSameLines() {
        StatementFile file = BankStatementReader.read(BankFiles.csv(ENTRIES.subList(0, 3)), false);
        assertThat(file.format()).isEqualTo(BankStatementFormat.CSV);
        assertThat(file.lines()).hasSize(3);
        assertThat(file.lines().get(0).remittance()).isEqualTo("INV-2026-000001 thank you");
        assertThat(file.lines().get(0).bankReference()).isEqualTo("REF-1");
        assertThat(file.lines().get(1).bankReference()).isNull();
        assertThat(file.lines().get(2).direction()).isEqualTo(StatementEntryDirection.DEBIT);
        assertThat(file.lines().get(2).amount()).isEqualByComparingTo(new BigDecimal("10.00"));
    }

    @Test
    void badFilesAreRefusedNamingEveryProblem() {
        assertThatThrownBy(() -> BankStatementReader.read("<Document>nothing</Document>", true))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("file"));
        assertThatThrownBy(() -> BankStatementReader.read("not xml at all", true))
                .isInstanceOf(InvalidInputException.class);
        String camt054 = BankFiles.camt053("08", "S", ENTRIES).replace("camt.053.001.08", "camt.054.001.08");
        assertThatThrownBy(() -> BankStatementReader.read(camt054, true))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems().get(0).message())
                        .contains("camt.054"));
        assertThatThrownBy(() -> BankStatementReader.read("booking_date,amount\n2026-08-01,1.00\n", false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems().get(0).message())
                        .contains("currency"));
        String bad = "booking_date,amount,currency,counterparty_name,counterparty_iban,remittance,bank_reference\n"
                + "2026-13-01,ten,EUR,a,b,c,d\n2026-08-01,1.00,EURO,a,b,c,d\n2026-08-01,1.00,EUR,a,b,c,d\n";
        assertThatThrownBy(() -> BankStatementReader.read(bad, false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field)
                        .containsExactly("line 2.booking_date", "line 2.amount", "line 3.currency"));
        String badCamt = BankFiles.camt053("08", "S", ENTRIES).replace(">25.00<", ">25,00<");
        assertThatThrownBy(() -> BankStatementReader.read(badCamt, true))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("Ntry[1].Amt"));
    }

    @Test
    void entryKeysAreTheBanksReferenceElseADigestThatCountsEqualEntries() {
        List<Entry> entries = List.of(Entry.credit("9.00", "2026-08-01", null, "same"),
                Entry.credit("9.00", "2026-08-01", null, "same"), Entry.credit("9.00", "2026-08-01", "R-9", "same"));
        StatementFile file = BankStatementReader.read(BankFiles.camt053("08", "S", entries), true);
        var keys = StatementEntryKeys.keys(file);
        assertThat(keys.values()).doesNotHaveDuplicates().hasSize(3);
        assertThat(keys.get(file.lines().get(2))).isEqualTo("ref:DE02120300000000202051:R-9");
        StatementFile again = BankStatementReader.read(BankFiles.camt053("08", "T", entries.subList(0, 2)), true);
        assertThat(StatementEntryKeys.keys(again).values()).containsExactlyElementsOf(
                keys.values().stream().limit(2).toList());
    }
}
