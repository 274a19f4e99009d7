package io.cascade.billing.internal;

import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.BillingParties.Party;
import io.cascade.catalog.api.Audience;
import io.cascade.catalog.api.BillingPeriod;
import io.cascade.catalog.api.LimitType;
import io.cascade.catalog.api.PlanStatus;
import io.cascade.catalog.api.PlanTerms;
import io.cascade.catalog.api.Prices;
import io.cascade.catalog.api.Pricing;
import io.cascade.shared.Money;
import io.cascade.shared.Price;
import io.cascade.subscriptions.api.Purpose;
import io.cascade.subscriptions.api.SubscriptionStatus;
import io.cascade.subscriptions.api.SubscriptionTerms.History;
import io.cascade.subscriptions.api.SubscriptionTerms.Terms;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run's own computation, without a database: a subscription's terms history and a series of runs, as CSV rows of
 * dates and the amounts of the lines each run bills. The ledger carries over from run to run as the database would
 * keep it, so every row also checks that nothing is billed twice.
 */
class ChargeCalculatorTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final UUID VENDOR = UUID.randomUUID();
    private static final UUID BUYER = UUID.randomUUID();
    private static final UUID MAILBOX = UUID.randomUUID();
    /** Every plan's add-on: 5.00 setup, 6.00 per unit and period (ADR 0036). */
    private static final UUID ADDON = UUID.randomUUID();

    /** Plans are made on demand: one per (period, fee); a mailbox is included, each further one costs 1.00. */
    private static final class FakeLookups extends Lookups {
        private final Map<UUID, PlanTerms> plans = new HashMap<>();
        private final Map<UUID, BigDecimal> fees = new HashMap<>();

        FakeLookups() {
            super(null, null);
        }

        UUID plan(BillingPeriod period, String fee) {
            UUID id = UUID.nameUUIDFromBytes((period + fee).getBytes());
            plans.computeIfAbsent(id, k -> new PlanTerms(id, VENDOR, "0.", Audience.END_CUSTOMER, period, "EUR",
                    PlanStatus.PUBLISHED, List.of(new PlanTerms.Resource(MAILBOX, "mailbox", "mail", BigDecimal.ONE,
                    null, LimitType.SOFT)), List.of(new PlanTerms.Addon(ADDON, "backup", "Backup",
                    new BigDecimal("5.00"), new BigDecimal("6.00"), 3, io.cascade.catalog.api.AddonStatus.ACTIVE))));
            fees.put(id, new BigDecimal(fee));
            return id;
        }

        @Override
        PlanTerms terms(UUID planId) {
            return plans.get(planId);
        }

        @Override
        String name(UUID planId) {
            return "Plan";
        }

        @Override
        Prices prices(UUID planId, LocalDate day) {
            return new Prices(day, Pricing.FIXED, new Money(BigDecimal.ZERO, EUR), new Money(fees.get(planId), EUR),
                    Map.of("mailbox", new Prices.ResourcePrices(new Price(BigDecimal.ONE, EUR), null)));
        }

        @Override
        BigDecimal commission(UUID resellerId, UUID planId) {
            return BigDecimal.ZERO;
        }
    }

    @ParameterizedTest(name = "{0}: start {1}, {4}, runs {5}")
    @CsvSource(delimiter = ';', value = {
            // name; start; period; fee; events (day=plan:fee | day=quantity:n | day=addon:n | day=cancel); run days;
            // amounts
            "leading partial period; 2026-03-15; MONTHLY; 30.00; ; 2026-03-15 2026-04-01; 16.45 | 30.00",
            "backdated start, billed period by period; 2026-01-20; MONTHLY; 30.00; ; 2026-04-01;"
                    + " 11.61 30.00 30.00 30.00",
            "February of a common year; 2026-02-15; MONTHLY; 30.00; ; 2026-02-15; 15.00",
            "February of a leap year; 2028-02-15; MONTHLY; 30.00; ; 2028-02-15; 15.52",
            "upgrade mid-period; 2026-04-01; MONTHLY; 10.00; 2026-04-11=plan:20.00; 2026-04-01 2026-04-11;"
                    + " 10.00 | -6.67 13.33",
            "downgrade in February; 2026-02-01; MONTHLY; 20.00; 2026-02-15=plan:10.00; 2026-02-01 2026-02-15;"
                    + " 20.00 | -10.00 5.00",
            "more mailboxes mid-period; 2026-04-01; MONTHLY; 10.00; 2026-04-11=quantity:4;"
                    + " 2026-04-01 2026-04-11 2026-05-01; 10.00 | 2.00 | 10.00 3.00",
            "fewer mailboxes mid-period; 2026-04-01; MONTHLY; 10.00; 2026-04-01=quantity:4 2026-04-16=quantity:2;"
                    + " 2026-04-01 2026-04-16; 10.00 3.00 | -1.50 0.50",
            "cancellation on the last day; 2026-04-01; MONTHLY; 30.00; 2026-04-30=cancel; 2026-04-01 2026-04-30;"
                    + " 30.00 | -1.00",
            "cancellation known before the first run; 2026-04-01; MONTHLY; 30.00; 2026-04-16=cancel; 2026-04-16;"
                    + " 15.00",
            "cancellation after the period billed; 2026-04-01; MONTHLY; 30.00; 2026-05-01=cancel;"
                    + " 2026-04-01 2026-05-01; 30.00 |",
            "a second run bills nothing; 2026-03-15; MONTHLY; 30.00; ; 2026-03-15 2026-03-15; 16.45 |",
            "yearly: the leading days, then the year; 2026-03-15; YEARLY; 365.00; ; 2026-03-15 2026-04-01;"
                    + " 17.00 | 365.00",
            "yearly upgrade after a quarter; 2026-04-01; YEARLY; 365.00; 2026-07-01=plan:730.00;"
                    + " 2026-04-01 2026-07-01; 365.00 | -274.00 548.00",
            // add-ons (ADR 0036): 2 units ordered on day 11 (20/30 of 12.00, and the setup fee 2 × 5.00 once), removed
            // on day 21 (10 unused days credited), nothing of them in the next period
            "add-on ordered and removed mid-period; 2026-04-01; MONTHLY; 10.00; 2026-04-11=addon:2 2026-04-21=addon:0;"
                    + " 2026-04-01 2026-04-11 2026-04-21 2026-05-01; 10.00 | 8.00 10.00 | -4.00 | 10.00",
            "more add-on units mid-period, no second setup fee; 2026-04-01; MONTHLY; 10.00;"
                    + " 2026-04-01=addon:1 2026-04-16=addon:3; 2026-04-01 2026-04-16 2026-05-01;"
                    + " 10.00 6.00 5.00 | -3.00 9.00 | 10.00 18.00",
    })
    void runsBillWhatTheTermsHistorySays(String name, LocalDate start, BillingPeriod period, String fee,
                                         String events, String runDays, String expected) {
        FakeLookups lookups = new FakeLookups();
        ChargeCalculator calculator = new ChargeCalculator(lookups);
        List<Terms> history = new ArrayList<>();
        long id = 1;
        UUID plan = lookups.plan(period, fee);
        Map<UUID, BigDecimal> quantities = Map.of(MAILBOX, BigDecimal.ONE);
        history.add(new Terms(id++, start, plan, SubscriptionStatus.ACTIVE, quantities));
        for (String event : events == null ? new String[0] : events.trim().split("\\s+")) {
            String[] parts = event.split("=");
            LocalDate day = LocalDate.parse(parts[0]);
            Terms last = history.get(history.size() - 1);
            if (parts[1].equals("cancel")) {
                history.add(new Terms(id++, day, last.planId(), SubscriptionStatus.CANCELLED, last.quantities(),
                        last.addons()));
            } else if (parts[1].startsWith("addon:")) {
                int units = Integer.parseInt(parts[1].substring(6));
                history.add(new Terms(id++, day, last.planId(), SubscriptionStatus.ACTIVE, last.quantities(),
                        units == 0 ? Map.of() : Map.of(ADDON, BigDecimal.valueOf(units))));
            } else if (parts[1].startsWith("plan:")) {
                history.add(new Terms(id++, day, lookups.plan(period, parts[1].substring(5)),
                        SubscriptionStatus.ACTIVE, last.quantities()));
            } else {
                history.add(new Terms(id++, day, last.planId(), SubscriptionStatus.ACTIVE,
                        Map.of(MAILBOX, new BigDecimal(parts[1].substring(9))), last.addons()));
            }
        }
        // an event dated on the subscription's start replaces the first record, as the history does
        history.removeIf(t -> history.stream().anyMatch(o -> o != t && o.effectiveFrom().equals(t.effectiveFrom())
                && o.id() > t.id()));
        UUID subscriptionId = UUID.randomUUID();
        Party vendor = new Party(VENDOR, "0.", AccountType.PROVIDER, null, "Provider", "P", 1, null, true, null,
                null, null, null, "EUR", null, null, null, null);
        Party buyer = new Party(BUYER, "0.1.", AccountType.CUSTOMER, VENDOR, "Buyer", "C-1", 1, null, true, null,
                null, null, "DE", "EUR", null, null, null, null);
        Map<UUID, List<Drafts.Charge>> ledger = new HashMap<>();
        List<String> runs = List.of(expected.split("\\|", -1));
        String[] days = runDays.trim().split("\\s+");
        assertThat(days).hasSameSizeAs(runs.toArray());
        for (int r = 0; r < days.length; r++) {
            // a change is recorded on its day: a run sees the records dated up to its own day
            LocalDate asOf = LocalDate.parse(days[r]);
            History subscription = new History(subscriptionId, BUYER, "0.1.", VENDOR, Purpose.OWN_USE, start, null,
                    history.stream().filter(t -> !t.effectiveFrom().isAfter(asOf)).toList());
            var data = new ChargeCalculator.BuyerData(buyer, Map.of(VENDOR, vendor, BUYER, buyer),
                    List.of(subscription), ledger, s -> List.of(), p -> List.of(), Map.of(),
                    (issuer, b) -> new TaxRules.Decision(BigDecimal.ZERO, false, null), Map.of());
            List<Drafts.Invoice> invoices = calculator.bill(data, asOf);
            List<String> amounts = new ArrayList<>();
            for (Drafts.Invoice invoice : invoices) {
                for (Drafts.Line line : invoice.lines()) {
                    amounts.add(line.amount().toPlainString());
                    ledger.computeIfAbsent(subscription.id(), k -> new ArrayList<>()).add(line.charge());
                }
            }
            String want = runs.get(r).trim();
            assertThat(amounts).as("%s: run as of %s", name, days[r])
                    .containsExactlyInAnyOrderElementsOf(want.isEmpty() ? List.of() : Arrays.asList(want.split(" ")));
        }
    }

    /** Seed 004 (issue 19): nobody invoices a simple customer, whoever its vendor; a billable one is invoiced. */
    @org.junit.jupiter.api.Test
    void aSimpleCustomerIsNeverInvoiced() {
        Party provider = new Party(VENDOR, "0.", AccountType.PROVIDER, null, "Provider", "P", 1, null, true, null,
                null, null, null, "EUR", null, null, null, null);
        Party standard = new Party(BUYER, "0.1.", AccountType.CUSTOMER, VENDOR, "Standard", "C-1", 1, null, true,
                null, null, null, "DE", "EUR", null, null, null, null);
        Party simpleOfProvider = new Party(UUID.randomUUID(), "0.2.", AccountType.CUSTOMER, VENDOR, "Dept", "C-2", 1,
                null, false, null, null, null, "DE", "EUR", null, null, null, null);
        Party simpleOfStandard = new Party(UUID.randomUUID(), "0.1.1.", AccountType.CUSTOMER, BUYER, "Dept", "C-3",
                1, null, false, null, null, null, "DE", "EUR", null, null, null, null);
        assertThat(ChargeCalculator.invoiced(standard, provider, null)).isTrue();
        assertThat(ChargeCalculator.invoiced(simpleOfProvider, provider, null)).isFalse();
        assertThat(ChargeCalculator.invoiced(simpleOfStandard, standard, null)).isFalse();
    }
}
