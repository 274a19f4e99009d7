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

    @Test
    void aCustomerUserCoversExactlyItsCustomersAndNotItsOwnAccount() {
        UUID reseller = UUID.randomUUID();
        Caller customerUser = new Caller(UUID.randomUUID(), "c@b.c", reseller, "1.2.", UserKind.CUSTOMER_USER,
                java.util.List.of("1.2.9.", "1.2.5."), Set.of(Privilege.ASSETS_READ), "r", null, null);
        assertThat(customerUser.scopeRoots()).containsExactly("1.2.5.", "1.2.9.");
        assertThat(customerUser.covers("1.2.5.")).isTrue();
        assertThat(customerUser.covers("1.2.9.")).isTrue();
        assertThat(customerUser.covers("1.2.")).as("its own (vendor) account").isFalse();
        assertThat(customerUser.covers("1.2.6.")).as("another customer of its account").isFalse();
        assertThat(customerUser.covers("1.2.51.")).as("a customer sharing a prefix digit").isFalse();
        assertThat(customerUser.isOwnStaffOf(reseller)).as("a customer user is not staff").isFalse();
        Caller acting = customerUser.actingAs(UUID.randomUUID(), "1.2.9.");
        assertThat(acting.covers("1.2.9.")).isTrue();
        assertThat(acting.covers("1.2.5.")).as("acting narrows to one customer").isFalse();
        assertThatThrownBy(() -> customerUser.actingAs(reseller, "1.2.")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aServiceUserCoversNoAccountAtAll() {
        UUID customer = UUID.randomUUID();
        Caller serviceUser = new Caller(UUID.randomUUID(), "s@b.c", customer, "1.2.5.", UserKind.SERVICE_USER,
                java.util.List.of("1.2.5."), Set.of(), "r", null, null);
        assertThat(serviceUser.scopeRoots()).as("roots are not taken from a service user's input").isEmpty();
        assertThat(serviceUser.covers("1.2.5.")).as("not even its own account").isFalse();
        assertThat(serviceUser.isOwnStaffOf(customer)).isFalse();
    }

    @Test
    void staffScopeIsItsAccountPathWhateverRootsAreGiven() {
        UUID reseller = UUID.randomUUID();
        Caller staff = new Caller(UUID.randomUUID(), "a@b.c", reseller, "1.2.", UserKind.STAFF,
                java.util.List.of("1."), Set.of(), "r", null, null);
        assertThat(staff.scopeRoots()).containsExactly("1.2.");
        assertThat(staff.covers("1.3.")).isFalse();
        assertThat(staff.isOwnStaffOf(reseller)).isTrue();
        Caller vendorActing = new Caller(UUID.randomUUID(), "v@b.c", UUID.randomUUID(), "1.", Set.of(), "r", null)
                .actingAs(reseller, "1.2.");
        assertThat(vendorActing.isOwnStaffOf(reseller)).as("upstream staff acting on behalf").isFalse();
    }

    @Test
    void aStaffMemberActingAsAUserSeesItsScopeWithNoMorePrivilegesAndStaysTheActor() {
        UUID staff = UUID.randomUUID();
        UUID reseller = UUID.randomUUID();
        Caller home = new Caller(staff, "admin@reseller", reseller, "/p/r/", Set.of(Privilege.ASSETS_READ,
                Privilege.USERS_MANAGE), "req", null);
        UUID fiona = UUID.randomUUID();
        Caller customerUser = new Caller(fiona, "fiona@reseller", reseller, "/p/r/", UserKind.CUSTOMER_USER,
                java.util.List.of("/p/r/alpha/"), Set.of(Privilege.ASSETS_READ, Privilege.BILLING_READ), "req", null,
                null);

        Caller acting = home.actingAsUser(customerUser);

        assertThat(acting.userId()).as("the audit log's actor").isEqualTo(staff);
        assertThat(acting.onBehalfOfUserId()).isEqualTo(fiona);
        assertThat(acting.subjectUserId()).isEqualTo(fiona);
        assertThat(acting.actingOnBehalf()).as("also within its own account").isTrue();
        assertThat(acting.privileges()).as("what both hold").containsExactly(Privilege.ASSETS_READ);
        assertThat(acting.covers("/p/r/alpha/x/")).isTrue();
        assertThat(acting.covers("/p/r/beta/")).isFalse();
        assertThat(acting.isOwnStaffOf(reseller)).isFalse();
        assertThatThrownBy(() -> new Caller(staff, "a@b", UUID.randomUUID(), "/p/other/", Set.of(), "req", null)
                .actingAsUser(customerUser)).as("outside its subtree").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> acting.actingAsUser(customerUser)).isInstanceOf(IllegalArgumentException.class);
    }
}
