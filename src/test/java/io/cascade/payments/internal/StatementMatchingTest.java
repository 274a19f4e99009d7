package io.cascade.payments.internal;

import io.cascade.billing.api.OpenInvoice;
import io.cascade.payments.api.StatementMatchRule;
import io.cascade.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The matching rules of docs/billing.md "Bank statements", table-driven over four open invoices of two buyers. */
class StatementMatchingTest {
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    private static OpenInvoice invoice(String number, UUID buyer, String due) {
        return new OpenInvoice(UUID.nameUUIDFromBytes(number.getBytes()), number, buyer, LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 8, 15),
                Money.of(due, "EUR"));
    }

    private static StatementMatching matching() {
        return new StatementMatching(List.of(invoice("INV-2026-000001", A, "25.00"),
                invoice("INV-2026-000002", A, "25.00"), invoice("INV-2026-000003", B, "22.50"),
                invoice("INV-2026-000013", B, "7.00")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            // text; amount; rule; buyer; invoices paid (number:amount)
            "Invoice INV-2026-000001, thanks; 25.00; NUMBER; a; INV-2026-000001:25.00",
            "inv 2026-000001; 25.00; NUMBER; a; INV-2026-000001:25.00",
            "INV2026000001/INV-2026-000002; 50.00; NUMBER; a; INV-2026-000001:25.00 INV-2026-000002:25.00",
            "INV-2026-000001 INV-2026-000002; 60.00; NUMBER; a; INV-2026-000001:25.00 INV-2026-000002:25.00",
            "INV-2026-000002 INV-2026-000001; 30.00; NUMBER; a; INV-2026-000002:25.00 INV-2026-000001:5.00",
            "INV-2026- 000003; 22.50; NUMBER; b; INV-2026-000003:22.50",
            "INV-2026-000001 and INV-2026-000003; 47.50; -; -; -",
            "RF40INV2026000003; 22.50; REFERENCE; b; INV-2026-000003:22.50",
            "RF41INV2026000003 (a wrong check); 22.50; AMOUNT; b; INV-2026-000003:22.50",
            "September; 7.00; AMOUNT; b; INV-2026-000013:7.00",
            "September; 25.00; -; -; -",
            "September; 8.00; -; -; -",
            "; 22.50; AMOUNT; b; INV-2026-000003:22.50"})
    void oneCredit(String text, String amount, StatementMatchRule rule, String buyer, String paid) {
        StatementMatching.Match match = matching().match(text, new BigDecimal(amount), "EUR");
        assertThat(match.rule()).isEqualTo(rule);
        assertThat(match.buyerId()).isEqualTo(buyer == null ? null : buyer.equals("a") ? A : B);
        String allocated = String.join(" ", match.allocations().stream()
                .map(a -> a.number() + ":" + a.amount().toPlainString()).toList());
        assertThat(allocated).isEqualTo(paid == null ? "" : paid);
        assertThat(match.note() == null).isEqualTo(match.matched());
    }

    @Test
    void theCreditorReferenceOfANumberIsValidIso11649() {
        assertThat(StatementMatching.creditorReference("INV-2026-000003")).isEqualTo("RF40INV2026000003");
        assertThat(StatementMatching.validCreditorReference("RF18539007547034")).isTrue();
        assertThat(StatementMatching.creditorReference("539007547034")).isEqualTo("RF18539007547034");
        assertThat(StatementMatching.validCreditorReference("RF19539007547034")).isFalse();
    }

    @Test
    void whatAnEarlierCreditPaidIsNotDueForTheNext() {
        StatementMatching matching = matching();
        assertThat(matching.match("INV-2026-000001", new BigDecimal("25.00"), "EUR").matched()).isTrue();
        // only INV-2026-000002 has 25.00 due now: matched by amount
        StatementMatching.Match second = matching.match("", new BigDecimal("25.00"), "EUR");
        assertThat(second.rule()).isEqualTo(StatementMatchRule.AMOUNT);
        assertThat(second.allocations().get(0).number()).isEqualTo("INV-2026-000002");
        StatementMatching.Match third = matching.match("INV-2026-000001", new BigDecimal("25.00"), "EUR");
        assertThat(third.matched()).isFalse();
        assertThat(third.note()).contains("nothing is due");
        assertThat(matching.match("INV-2026-000013", new BigDecimal("7.00"), "USD").matched()).isFalse();
    }
}
