package io.cascade.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedKernelTest {

    @ParameterizedTest
    @CsvSource({
            "12.345, EUR, 12.35",
            "12.344, EUR, 12.34",
            "-0.005, EUR, -0.01",
            "1000.5, JPY, 1001",
            "1.0005, BHD, 1.001"
    })
    void moneyTakesTheScaleOfItsCurrencyRoundingHalfUp(String amount, String currency, String expected) {
        assertThat(Money.of(amount, currency).amount()).isEqualByComparingTo(expected);
        assertThat(Money.of(amount, currency).amount().scale())
                .isEqualTo(Currency.getInstance(currency).getDefaultFractionDigits());
    }

    @Test
    void moneyOfDifferentCurrenciesDoesNotMix() {
        assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.of("1.10", "EUR").plus(Money.of("2.205", "EUR")).amount()).isEqualTo(new BigDecimal("3.31"));
    }

    @Test
    void cursorsRoundTripAndRefuseForeignOnes() {
        String cursor = Cursors.encode("account", "1.2s.9k1.");
        assertThat(Cursors.decode("account", cursor)).isEqualTo("1.2s.9k1.");
        assertThat(Cursors.decode("account", null)).isNull();
        assertThatThrownBy(() -> Cursors.decode("audit", cursor)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Cursors.decode("account", "%%%")).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @CsvSource({"0", "501", "-3"})
    void limitsOutsideOneToFiveHundredAreRefused(int limit) {
        assertThatThrownBy(() -> Cursors.limit(limit)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void limitDefaultsToFifty() {
        assertThat(Cursors.limit(null)).isEqualTo(50);
        assertThat(Cursors.limit(500)).isEqualTo(500);
    }

    @Test
    void ifMatchAcceptsTheCurrentVersionOnly() {
        Etags.checkIfMatch(null, 3);
        Etags.checkIfMatch("\"3\"", 3);
        assertThatThrownBy(() -> Etags.checkIfMatch("W/\"3\"", 3)).isInstanceOf(PreconditionFailedException.class);
        Etags.checkIfMatch("\"1\", \"3\"", 3);
        Etags.checkIfMatch("*", 3);
        assertThatThrownBy(() -> Etags.checkIfMatch("\"2\"", 3)).isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void aCallerCoversItsOwnPathAndEverythingBelowOnly() {
        Caller reseller = new Caller(UUID.randomUUID(), "a@b.c", UUID.randomUUID(), "1.2.", Set.of(), "r", null);
        assertThat(reseller.covers("1.2.")).isTrue();
        assertThat(reseller.covers("1.2.7.")).isTrue();
        assertThat(reseller.covers("1.")).as("its vendor").isFalse();
        assertThat(reseller.covers("1.3.")).as("a sibling").isFalse();
        assertThat(reseller.covers("1.21.")).as("a sibling sharing a prefix digit").isFalse();
        assertThatThrownBy(() -> reseller.requireCovers("1.3.")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reseller.require(Privilege.ACCOUNTS_MANAGE)).isInstanceOf(ForbiddenException.class);
    }
}
