package io.cascade.billing.internal;

import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.BillingParties.Party;
import io.cascade.accounts.api.InvoiceFormat;
import io.cascade.accounts.api.ResellerModel;
import io.cascade.billing.api.Cycles;
import io.cascade.billing.api.Proration;
import io.cascade.billing.internal.Drafts.Direction;
import io.cascade.catalog.api.BillingPeriod;
import io.cascade.catalog.api.PlanTerms;
import io.cascade.catalog.api.Prices;
import io.cascade.shared.Price;
import io.cascade.subscriptions.api.Purpose;
import io.cascade.subscriptions.api.SubscriptionTerms.History;
import io.cascade.subscriptions.api.SubscriptionTerms.Holding;
import io.cascade.subscriptions.api.SubscriptionTerms.Terms;
import io.cascade.usage.api.UsageTotals.Daily;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Computes what one buyer is to be billed up to a day (docs/billing.md): for every subscription, what its terms
 * history says should have been billed for each period that is due — recurring fees and extra units in advance,
 * usage over the included quantity in arrears, the setup fee once — minus what the ledger says was billed already.
 * The difference becomes invoice lines: charges for days not billed yet, credits for billed days the terms no longer
 * cover (a change, a cancellation). Amounts that round to zero are neither invoiced nor recorded. Pure computation: it reads only what it is given and writes nothing, so the run
 * and the upcoming-invoice preview share it.
 */
final class ChargeCalculator {
    /** Changes may be backdated a year at most: older periods are settled and never looked at again. */
    static final int HORIZON_DAYS = 400;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Everything known about one buyer for one computation. */
    record BuyerData(Party buyer, Map<UUID, Party> parties, List<History> subscriptions,
                     Map<UUID, List<Drafts.Charge>> ledger, Function<UUID, List<Daily>> usage,
                     Function<Party, List<Daily>> subtreeUsage, Map<UUID, List<Holding>> holdings,
                     TaxRates taxRates, Map<UUID, LocalDate> lastBilled) {
    }

    interface TaxRates {
        TaxRules.Decision decide(Party issuer, Party buyer);
    }

    private final Lookups lookups;

    ChargeCalculator(Lookups lookups) {
        this.lookups = lookups;
    }

    static LocalDate horizon(LocalDate asOf) {
        return asOf.minusDays(HORIZON_DAYS);
    }

    /** The invoices (one per issuer and currency) the buyer is due up to {@code asOf}, not yet billed. */
    List<Drafts.Invoice> bill(BuyerData data, LocalDate asOf) {
        Party buyer = data.buyer();
        Party buyerVendor = buyer.vendorId() == null ? null : data.parties().get(buyer.vendorId());
        int cycleDay = cycleDay(buyer, buyerVendor);
        Map<String, Builder> invoices = new LinkedHashMap<>();
        for (History s : data.subscriptions()) {
            if (!invoiced(buyer, buyerVendor, s)) {
                continue;
            }
            Party issuer = data.parties().get(s.vendorId());
            String currency = lookups.terms(s.terms().get(0).planId()).currency();
            Builder invoice = invoices.computeIfAbsent(s.vendorId() + "/" + currency,
                    k -> new Builder(issuer, buyer, currency, format(issuer), data.taxRates().decide(issuer, buyer)));
            new SubscriptionBilling(data, s, issuer, buyerVendor, cycleDay, asOf, invoice).run();
        }
        List<Drafts.Invoice> result = new ArrayList<>();
        for (Builder b : invoices.values()) {
            if (!b.lines.isEmpty()) {
                result.add(new Drafts.Invoice(b.issuer.id(), b.issuer.path(), b.buyer.id(), b.buyer.path(),
                        b.currency, b.format, List.copyOf(b.lines), b.tax.reverseCharge(), b.tax.buyerVatId()));
            }
        }
        return result;
    }

    /** The buyer's cycle day: its own, or for a customer of a reseller the reseller profile's customer day. */
    static int cycleDay(Party buyer, Party buyerVendor) {
        if (buyerVendor != null && buyerVendor.type() == AccountType.RESELLER
                && buyerVendor.customerBillCycleDay() != null && buyer.type() == AccountType.CUSTOMER) {
            return buyerVendor.customerBillCycleDay();
        }
        return buyer.billCycleDay();
    }

    /**
     * Who bills whom: simple customers get no invoices; a prepaid reseller invoices its customers only when its
     * profile has customer invoicing on; everything else is invoiced by the plan's vendor.
     */
    static boolean invoiced(Party buyer, Party buyerVendor, History s) {
        if (buyer.type() == AccountType.CUSTOMER && !buyer.billable()) {
            return false; // a simple customer, of a reseller, of the provider or of a standard account
        }
        if (buyer.type() == AccountType.CUSTOMER && buyerVendor != null
                && buyerVendor.type() == AccountType.RESELLER) {
            if (buyerVendor.resellerModel() == ResellerModel.PREPAID && s.vendorId().equals(buyerVendor.id())) {
                return Boolean.TRUE.equals(buyerVendor.customerInvoicing());
            }
        }
        return true;
    }

    /** The formats the issuer offers its buyers: a reseller's profile says; the provider offers both. */
    static InvoiceFormat format(Party issuer) {
        return issuer.type() == AccountType.RESELLER && issuer.customerInvoiceFormat() != null
                ? issuer.customerInvoiceFormat() : InvoiceFormat.BOTH;
    }

    private static final class Builder {
        final Party issuer;
        final Party buyer;
        final String currency;
        final InvoiceFormat format;
        /** The tax rule's decision for the pair, taken once per invoice. */
        final TaxRules.Decision tax;
        final List<Drafts.Line> lines = new ArrayList<>();

        Builder(Party issuer, Party buyer, String currency, InvoiceFormat format, TaxRules.Decision tax) {
            this.issuer = issuer;
            this.buyer = buyer;
            this.currency = currency;
            this.format = format;
            this.tax = tax;
        }
    }

    /** What one subscription should have been billed, against what was. */
    private final class SubscriptionBilling {
        private final BuyerData data;
        private final History s;
        private final Party issuer;
        private final Party buyerVendor;
        private final int cycleDay;
        private final LocalDate asOf;
        private final Builder invoice;
        private final Currency currency;
        private final LocalDate window;
        private final boolean firstTime;
        private final List<Drafts.Charge> billed;

        SubscriptionBilling(BuyerData data, History s, Party issuer, Party buyerVendor, int cycleDay, LocalDate asOf,
                            Builder invoice) {
            this.data = data;
            this.s = s;
            this.issuer = issuer;
            this.buyerVendor = buyerVendor;
            this.cycleDay = cycleDay;
            this.asOf = asOf;
            this.invoice = invoice;
            this.currency = Currency.getInstance(invoice.currency);
            this.billed = data.ledger().getOrDefault(s.id(), List.of());
            LocalDate lastBilled = billed.isEmpty() ? data.lastBilled().get(s.id()) : null;
            this.firstTime = billed.isEmpty() && lastBilled == null;
            // never billed: from its start; billed, but not since the horizon (billing paused that long): from the
            // end of the last period it was billed for, so that no period is skipped; otherwise from the horizon
            this.window = firstTime ? LocalDate.MIN
                    : lastBilled != null && lastBilled.isBefore(horizon(asOf)) ? lastBilled : horizon(asOf);
        }

        /** One key of the reconciliation: a charge of one terms record in one full period. */
        private record Key(ChargeKey charge, LocalDate periodStart, long termsId) {
        }

        /** A charge of one period that the ledger already holds (usage is billed once per period). */
        private record Billed(ChargeKey charge, LocalDate periodStart) {
        }

        /** The days a terms record should be charged in a period, and at what price. */
        private record Wanted(Cycles.Period period, LocalDate from, LocalDate to, BigDecimal periodAmount,
                              BigDecimal quantity, BigDecimal unitPrice, UUID planId, String what) {
        }

        void run() {
            if (s.startDate().isAfter(asOf)) {
                return;
            }
            Map<Key, Wanted> wanted = new LinkedHashMap<>();
            TreeMap<LocalDate, Terms> usagePeriods = new TreeMap<>();
            Map<LocalDate, Cycles.Period> periods = new LinkedHashMap<>();
            List<Terms> terms = s.terms();
            // consecutive terms on the same plan share the fee's key; with the same quantity also the extra units'
            Terms previous = null;
            long feeKey = 0;
            Map<UUID, Long> extraKeys = new java.util.HashMap<>();
            Map<UUID, Long> addonKeys = new java.util.HashMap<>();
            for (int i = 0; i < terms.size(); i++) {
                Terms t = terms.get(i);
                LocalDate from = t.effectiveFrom().isBefore(s.startDate()) ? s.startDate() : t.effectiveFrom();
                LocalDate to = i + 1 < terms.size() ? terms.get(i + 1).effectiveFrom() : null;
                if (s.cancelAt() != null && (to == null || s.cancelAt().isBefore(to))) {
                    to = s.cancelAt().isBefore(from) ? from : s.cancelAt();
                }
                if (!t.charged()) {
                    previous = null;
                    continue;
                }
                if (to != null && !from.isBefore(to)) {
                    continue;
                }
                boolean samePlan = previous != null && previous.planId().equals(t.planId());
                if (!samePlan) {
                    feeKey = t.id();
                }
                PlanTerms plan = lookups.terms(t.planId());
                for (PlanTerms.Resource r : plan.resources()) {
                    BigDecimal q = t.quantities().getOrDefault(r.resourceTypeId(), BigDecimal.ZERO);
                    BigDecimal before = previous == null ? null
                            : previous.quantities().getOrDefault(r.resourceTypeId(), BigDecimal.ZERO);
                    if (!samePlan || before.compareTo(q) != 0) {
                        extraKeys.put(r.resourceTypeId(), t.id());
                    }
                }
                for (PlanTerms.Addon a : plan.addons()) {
                    BigDecimal q = t.addons().getOrDefault(a.id(), BigDecimal.ZERO);
                    BigDecimal before = previous == null ? null
                            : previous.addons().getOrDefault(a.id(), BigDecimal.ZERO);
                    if (!samePlan || before.compareTo(q) != 0) {
                        addonKeys.put(a.id(), t.id());
                    }
                }
                previous = t;
                BillingPeriod bp = plan.billingPeriod();
                LocalDate dueEnd = Cycles.fullPeriodContaining(asOf, cycleDay, bp, s.startDate()).end();
                LocalDate spanTo = to == null || to.isAfter(dueEnd) ? dueEnd : to;
                if (!from.isBefore(spanTo)) {
                    continue;
                }
                for (Proration.Piece piece : Proration.pieces(from, spanTo, cycleDay, bp, s.startDate())) {
                    Cycles.Period p = piece.fullPeriod();
                    if (!p.end().isAfter(window)) {
                        continue;
                    }
                    Prices prices = lookups.prices(plan.id(), max(p.start(), s.startDate()));
                    want(wanted, new Key(ChargeKey.FEE, p.start(), feeKey), new Wanted(p, piece.from(), piece.to(),
                            prices.recurringFee().amount(), BigDecimal.ONE, prices.recurringFee().amount(),
                            plan.id(), "recurring fee"));
                    for (PlanTerms.Resource r : plan.resources()) {
                        BigDecimal quantity = t.quantities().getOrDefault(r.resourceTypeId(), BigDecimal.ZERO);
                        BigDecimal extra = quantity.subtract(r.included());
                        Price unit = prices.of(r.code()).unitPrice();
                        if (extra.signum() > 0 && unit != null && unit.amount().signum() != 0) {
                            want(wanted, new Key(ChargeKey.extra(r.code()), p.start(),
                                            extraKeys.get(r.resourceTypeId())),
                                    new Wanted(p, piece.from(), piece.to(), extra.multiply(unit.amount()), extra,
                                            unit.amount(), plan.id(), plain(extra) + " " + r.code() + " above the "
                                            + plain(r.included()) + " included"));
                        }
                    }
                    for (PlanTerms.Addon a : plan.addons()) {
                        BigDecimal quantity = t.addons().getOrDefault(a.id(), BigDecimal.ZERO);
                        if (quantity.signum() > 0 && a.recurringFee().signum() != 0) {
                            want(wanted, new Key(ChargeKey.addon(a.code()), p.start(), addonKeys.get(a.id())),
                                    new Wanted(p, piece.from(), piece.to(), quantity.multiply(a.recurringFee()),
                                            quantity, a.recurringFee(), plan.id(), "add-on " + a.name() + " ("
                                            + plain(quantity) + " × " + plain(a.recurringFee()) + ")"));
                        }
                    }
                    if (!p.end().isAfter(asOf)) {
                        usagePeriods.put(p.start(), t);
                        periods.put(p.start(), p);
                    }
                }
            }
            if (firstTime && !terms.isEmpty() && terms.get(0).charged()) {
                setup(terms.get(0));
            }
            addonSetups();
            reconcile(wanted);
            usage(usagePeriods, periods);
        }

        /** Adjacent pieces of one key (the same terms over several records) make one span. */
        private static void want(Map<Key, Wanted> wanted, Key key, Wanted w) {
            Wanted before = wanted.get(key);
            if (before != null && before.to().equals(w.from())) {
                w = new Wanted(w.period(), before.from(), w.to(), w.periodAmount(), w.quantity(), w.unitPrice(),
                        w.planId(), w.what());
            }
            wanted.put(key, w);
        }

        private void setup(Terms first) {
            Prices prices = lookups.prices(first.planId(), s.startDate());
            BigDecimal fee = round(prices.setupFee().amount());
            Drafts.Charge charge = new Drafts.Charge(s.id(), ChargeKey.SETUP, s.startDate(),
                    s.startDate().plusDays(1), 0, s.startDate(), s.startDate().plusDays(1), Direction.CHARGE, fee, fee,
                    first.planId());
            if (fee.signum() != 0) {
                line(lookups.name(first.planId()) + ": setup fee", first.planId(), s.startDate(), s.startDate(),
                        BigDecimal.ONE, fee, fee, charge);
            }
        }

        /**
         * An add-on's setup fee, once per subscription and add-on: on the first day a charged terms record holds it
         * (up to {@code asOf}), times the units held then; never again once the ledger holds it (ADR 0036).
         */
        private void addonSetups() {
            java.util.Set<ChargeKey> done = new java.util.HashSet<>();
            for (Drafts.Charge c : billed) {
                if (c.charge().kind() == ChargeKey.Kind.ADDON_SETUP) {
                    done.add(c.charge());
                }
            }
            List<Terms> terms = s.terms();
            for (int i = 0; i < terms.size(); i++) {
                Terms t = terms.get(i);
                LocalDate day = t.effectiveFrom().isBefore(s.startDate()) ? s.startDate() : t.effectiveFrom();
                LocalDate to = i + 1 < terms.size() ? terms.get(i + 1).effectiveFrom() : null;
                if (!t.charged() || t.addons().isEmpty() || day.isAfter(asOf) || day.isBefore(window)
                        || (to != null && !day.isBefore(to))) {
                    continue;
                }
                for (PlanTerms.Addon a : lookups.terms(t.planId()).addons()) {
                    BigDecimal quantity = t.addons().getOrDefault(a.id(), BigDecimal.ZERO);
                    ChargeKey key = ChargeKey.addonSetup(a.code());
                    if (quantity.signum() <= 0 || !done.add(key)) {
                        continue;
                    }
                    BigDecimal fee = round(quantity.multiply(a.setupFee()));
                    if (fee.signum() == 0) {
                        continue;
                    }
                    Drafts.Charge charge = new Drafts.Charge(s.id(), key, day, day.plusDays(1), 0, day,
                            day.plusDays(1), Direction.CHARGE, fee, fee, t.planId());
                    line(lookups.name(t.planId()) + ": add-on " + a.name() + " setup fee", t.planId(), day, day,
                            quantity, a.setupFee(), fee, charge);
                }
            }
        }

        private void reconcile(Map<Key, Wanted> wanted) {
            Map<Key, List<Drafts.Charge>> done = new LinkedHashMap<>();
            for (Drafts.Charge c : billed) {
                if (c.charge().kind() == ChargeKey.Kind.SETUP || c.charge().kind() == ChargeKey.Kind.USAGE
                        || c.charge().kind() == ChargeKey.Kind.ADDON_SETUP
                        || c.periodStart().isAfter(asOf)
                        || !c.periodEnd().isAfter(window)) {
                    continue;
                }
                done.computeIfAbsent(new Key(c.charge(), c.periodStart(), c.termsId()), k -> new ArrayList<>()).add(c);
            }
            var keys = new java.util.LinkedHashSet<Key>(wanted.keySet());
            keys.addAll(done.keySet());
            for (Key key : keys) {
                Wanted w = wanted.get(key);
                List<Drafts.Charge> rows = done.getOrDefault(key, List.of());
                Cycles.Period p = w != null ? w.period()
                        : new Cycles.Period(rows.get(0).periodStart(), rows.get(0).periodEnd());
                BitSet want = new BitSet();
                if (w != null) {
                    want.set(index(p, w.from()), index(p, w.to()));
                }
                BitSet have = new BitSet();
                BigDecimal chargedAt = null;
                UUID chargedPlan = null;
                for (Drafts.Charge c : rows) {
                    if (!c.credit()) {
                        have.set(index(p, c.from()), index(p, c.to()));
                        chargedAt = c.periodAmount();
                        chargedPlan = c.planId() != null ? c.planId() : chargedPlan;
                    }
                }
                for (Drafts.Charge c : rows) {
                    if (c.credit()) {
                        have.clear(index(p, c.from()), index(p, c.to()));
                    }
                }
                BitSet toCharge = (BitSet) want.clone();
                toCharge.andNot(have);
                BitSet toCredit = (BitSet) have.clone();
                toCredit.andNot(want);
                for (int[] run : runs(toCharge)) {
                    LocalDate from = p.start().plusDays(run[0]);
                    LocalDate to = p.start().plusDays(run[1]);
                    BigDecimal amount = prorate(w.periodAmount(), p, from, to);
                    Drafts.Charge charge = new Drafts.Charge(s.id(), key.charge(), p.start(), p.end(), key.termsId(),
                            from, to, Direction.CHARGE, w.periodAmount(), amount, w.planId());
                    String name = lookups.name(w.planId());
                    String text = name + ": " + w.what() + days(p, from, to);
                    if (amount.signum() != 0) {
                        line(text, w.planId(), from, to, w.quantity(), w.unitPrice(), amount, charge);
                    }
                }
                // a credit names the plan it takes back (so that it reaches the commission and the margin)
                UUID creditedPlan = chargedPlan != null ? chargedPlan : w != null ? w.planId() : planOf(key.termsId());
                for (int[] run : runs(toCredit)) {
                    LocalDate from = p.start().plusDays(run[0]);
                    LocalDate to = p.start().plusDays(run[1]);
                    BigDecimal periodAmount = Objects.requireNonNull(chargedAt);
                    BigDecimal amount = prorate(periodAmount, p, from, to).negate();
                    Drafts.Charge charge = new Drafts.Charge(s.id(), key.charge(), p.start(), p.end(), key.termsId(),
                            from, to, Direction.CREDIT, periodAmount, amount, creditedPlan);
                    String what = key.charge().kind() == ChargeKey.Kind.FEE ? "recurring fee"
                            : key.charge().kind() == ChargeKey.Kind.ADDON ? "add-on " + key.charge().addonCode()
                            : key.charge().resource() + " above the included quantity";
                    if (amount.signum() != 0) {
                        line("Credit for unused " + what + days(p, from, to), creditedPlan, from, to, BigDecimal.ONE,
                                periodAmount, amount, charge);
                    }
                }
            }
        }

        /** The plan of one of the subscription's terms records (null if a backdated change superseded it). */
        private UUID planOf(long termsId) {
            for (Terms t : s.terms()) {
                if (t.id() == termsId) {
                    return t.planId();
                }
            }
            return null;
        }

        /**
         * Whether this holding is the one its reseller holds a resource type through (the earliest live holding whose
         * plan includes it, as for orders): the usage below the reseller is billed on that holding only. A holding
         * no longer live bills the usage only while no live holding includes the resource type.
         */
        private boolean sourcing(UUID resourceTypeId) {
            for (Holding h : data.holdings().getOrDefault(data.buyer().id(), List.of())) {
                if (lookups.terms(h.planId()).resources().stream()
                        .anyMatch(r -> r.resourceTypeId().equals(resourceTypeId))) {
                    return h.subscriptionId().equals(s.id());
                }
            }
            return true;
        }

        /** Usage over the included quantity, for each period that has ended, billed once. */
        private void usage(TreeMap<LocalDate, Terms> usagePeriods, Map<LocalDate, Cycles.Period> periods) {
            if (usagePeriods.isEmpty()) {
                return;
            }
            java.util.Set<Billed> done = new java.util.HashSet<>();
            for (Drafts.Charge c : billed) {
                if (c.charge().kind() == ChargeKey.Kind.USAGE) {
                    done.add(new Billed(c.charge(), c.periodStart()));
                }
            }
            List<Daily> daily = null;
            for (var entry : usagePeriods.entrySet()) {
                Cycles.Period p = periods.get(entry.getKey());
                PlanTerms plan = lookups.terms(entry.getValue().planId());
                Prices prices = lookups.prices(plan.id(), max(p.start(), s.startDate()));
                for (PlanTerms.Resource r : plan.resources()) {
                    Price price = prices.of(r.code()).usagePrice();
                    ChargeKey usage = price == null || price.amount().signum() == 0 ? null : ChargeKey.usage(r.code());
                    if (usage == null || done.contains(new Billed(usage, p.start()))
                            || (s.purpose() == Purpose.RESALE && !sourcing(r.resourceTypeId()))) {
                        continue;
                    }
                    if (daily == null) {
                        daily = s.purpose() == Purpose.RESALE ? data.subtreeUsage().apply(data.buyer())
                                : data.usage().apply(s.id());
                    }
                    LocalDate from = max(p.start(), s.startDate());
                    BigDecimal used = BigDecimal.ZERO;
                    for (Daily d : daily) {
                        if (d.resourceTypeId().equals(r.resourceTypeId()) && !d.day().isBefore(from)
                                && d.day().isBefore(p.end())) {
                            used = used.add(d.quantity());
                        }
                    }
                    BigDecimal over = used.subtract(r.included());
                    if (over.signum() <= 0) {
                        continue;
                    }
                    BigDecimal amount = round(over.multiply(price.amount()));
                    Drafts.Charge charge = new Drafts.Charge(s.id(), usage, p.start(), p.end(), 0,
                            p.start(), p.end(), Direction.CHARGE, amount, amount, plan.id());
                    String whose = s.purpose() == Purpose.RESALE ? " used below you" : " used";
                    line(lookups.name(plan.id()) + ": " + plain(over) + " " + r.code() + whose + " above the "
                            + plain(r.included()) + " included", plan.id(), p.start(), p.end(), over,
                            price.amount(), amount, charge);
                }
            }
        }

        private void line(String description, UUID planId, LocalDate from, LocalDate to, BigDecimal quantity,
                          BigDecimal unitPrice, BigDecimal amount, Drafts.Charge charge) {
            BigDecimal rate = invoice.tax.rate();
            BigDecimal tax = round(amount.multiply(rate).divide(HUNDRED, MathContext.DECIMAL128));
            UUID wholesale = null;
            if (issuer.type() == AccountType.RESELLER && planId != null && drawsOnHolding(planId, charge.charge())) {
                wholesale = wholesaleFor(planId);
            }
            UUID commissionReseller = null;
            BigDecimal percent = null;
            if (buyerVendor != null && buyerVendor.resellerModel() == ResellerModel.COMMISSION
                    && s.vendorId().equals(buyerVendor.vendorId()) && planId != null) {
                commissionReseller = buyerVendor.id();
                percent = lookups.commission(buyerVendor.id(), planId);
            }
            invoice.lines.add(new Drafts.Line(description, s.id(), planId, from, to, quantity, unitPrice, amount,
                    rate, tax, s.purpose() == Purpose.RESALE, wholesale, commissionReseller, percent, charge));
        }

        /**
         * Whether a line draws on a holding at all: an add-on's charges and the charges of a resource type no holding
         * of the issuer includes (its own product, ADR 0036) cost it nothing, so they are pure revenue in its margin.
         */
        private boolean drawsOnHolding(UUID planId, ChargeKey charge) {
            if (charge.kind() == ChargeKey.Kind.ADDON || charge.kind() == ChargeKey.Kind.ADDON_SETUP) {
                return false;
            }
            if (charge.resource() == null) {
                return true;
            }
            for (PlanTerms.Resource r : lookups.terms(planId).resources()) {
                if (r.code().equals(charge.resource())) {
                    for (Holding h : data.holdings().getOrDefault(issuer.id(), List.of())) {
                        if (lookups.terms(h.planId()).resources().stream()
                                .anyMatch(x -> x.resourceTypeId().equals(r.resourceTypeId()))) {
                            return true;
                        }
                    }
                    return false;
                }
            }
            return true;
        }

        /** The issuer's own holding the plan's resources are sourced from (the trace to the wholesale lines). */
        private UUID wholesaleFor(UUID planId) {
            PlanTerms plan = lookups.terms(planId);
            for (Holding h : data.holdings().getOrDefault(issuer.id(), List.of())) {
                PlanTerms held = lookups.terms(h.planId());
                for (PlanTerms.Resource r : plan.resources()) {
                    if (held.resources().stream().anyMatch(x -> x.resourceTypeId().equals(r.resourceTypeId()))) {
                        return h.subscriptionId();
                    }
                }
            }
            return null;
        }

        private BigDecimal prorate(BigDecimal periodAmount, Cycles.Period p, LocalDate from, LocalDate to) {
            if (from.equals(p.start()) && to.equals(p.end())) {
                return round(periodAmount);
            }
            long days = to.toEpochDay() - from.toEpochDay();
            return round(periodAmount.multiply(BigDecimal.valueOf(days))
                    .divide(BigDecimal.valueOf(p.days()), MathContext.DECIMAL128));
        }

        private BigDecimal round(BigDecimal amount) {
            return amount.setScale(Math.max(currency.getDefaultFractionDigits(), 0), RoundingMode.HALF_UP);
        }
    }

    private static String days(Cycles.Period p, LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        if (from.equals(p.start()) && to.equals(p.end())) {
            return ", " + p.start() + " to " + p.end().minusDays(1);
        }
        return ", " + from + " to " + to.minusDays(1) + " (" + days + "/" + p.days() + " days)";
    }

    private static int index(Cycles.Period p, LocalDate day) {
        return (int) (day.toEpochDay() - p.start().toEpochDay());
    }

    private static List<int[]> runs(BitSet bits) {
        List<int[]> runs = new ArrayList<>();
        int from = bits.nextSetBit(0);
        while (from >= 0) {
            int to = bits.nextClearBit(from);
            runs.add(new int[]{from, to});
            from = bits.nextSetBit(to);
        }
        return runs;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    static String plain(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
