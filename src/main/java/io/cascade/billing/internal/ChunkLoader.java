package io.cascade.billing.internal;

import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.BillingParties;
import io.cascade.accounts.api.BillingParties.Party;
import io.cascade.shared.Caller;
import io.cascade.subscriptions.api.SubscriptionTerms;
import io.cascade.subscriptions.api.SubscriptionTerms.History;
import io.cascade.subscriptions.api.SubscriptionTerms.Holding;
import io.cascade.usage.api.UsageTotals;
import io.cascade.usage.api.UsageTotals.Daily;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads everything a chunk of buyers needs with a fixed number of queries, whatever the chunk's size: the parties,
 * the subscriptions with their terms, the ledger, the usage, the issuers' holdings and tax rates.
 */
@Component
class ChunkLoader {
    private final BillingParties parties;
    private final SubscriptionTerms terms;
    private final UsageTotals usage;
    private final InvoiceStore invoices;
    private final RunStore runs;

    ChunkLoader(BillingParties parties, SubscriptionTerms terms, UsageTotals usage, InvoiceStore invoices,
                RunStore runs) {
        this.parties = parties;
        this.terms = terms;
        this.usage = usage;
        this.invoices = invoices;
        this.runs = runs;
    }

    /** A chunk's data: per buyer, what {@link ChargeCalculator#bill} needs. */
    record Chunk(Map<UUID, ChargeCalculator.BuyerData> buyers) {
    }

    /** A chunk of buyers as {@code caller} may see them: the platform for a run, the asking user for a preview. */
    Chunk load(Caller caller, Collection<UUID> buyerIds, LocalDate asOf) {
        LocalDate horizon = ChargeCalculator.horizon(asOf);
        Map<UUID, Party> known = new HashMap<>(parties.of(caller, buyerIds));
        List<History> histories = terms.ofAccounts(buyerIds, runs.cancelledSince(asOf));
        Set<UUID> more = new HashSet<>();
        known.values().forEach(p -> more.add(p.vendorId()));
        histories.forEach(h -> more.add(h.vendorId()));
        more.remove(null);
        more.removeAll(known.keySet());
        known.putAll(parties.of(caller, more));
        // a commission reseller's vendor: the issuer of its customers' invoices
        Set<UUID> above = new HashSet<>();
        known.values().forEach(p -> {
            if (p.vendorId() != null && !known.containsKey(p.vendorId())) {
                above.add(p.vendorId());
            }
        });
        known.putAll(parties.of(caller, above));

        List<UUID> subscriptionIds = histories.stream().map(History::id).toList();
        Map<UUID, List<Drafts.Charge>> ledger = invoices.ledger(subscriptionIds, horizon);
        // those billed before but not within the horizon (a long pause): billed again from their last period on
        Map<UUID, LocalDate> lastBilled = invoices.lastBilled(subscriptionIds.stream()
                .filter(id -> !ledger.containsKey(id)).toList());
        LocalDate earliest = horizon;
        for (History h : histories) {
            if (ledger.containsKey(h.id())) {
                continue;
            }
            LocalDate from = lastBilled.getOrDefault(h.id(), h.startDate());
            if (from.isBefore(earliest)) {
                earliest = from;
            }
        }
        Map<UUID, List<Daily>> daily = new HashMap<>();
        for (Daily d : usage.ofSubscriptions(subscriptionIds, earliest, asOf)) {
            daily.computeIfAbsent(d.subscriptionId(), k -> new ArrayList<>()).add(d);
        }
        Set<UUID> issuers = new HashSet<>();
        histories.forEach(h -> issuers.add(h.vendorId()));
        // the holdings of the reseller issuers (the trace of retail lines to wholesale) and of the reseller buyers
        // (which of its holdings a resource's usage below it is billed on)
        Set<UUID> resellers = new HashSet<>(issuers);
        histories.forEach(h -> {
            if (h.purpose() == io.cascade.subscriptions.api.Purpose.RESALE) {
                resellers.add(h.accountId());
            }
        });
        List<UUID> resellerIssuers = resellers.stream().filter(id -> known.get(id) != null
                && known.get(id).type() == AccountType.RESELLER).toList();
        Map<UUID, List<Holding>> holdings = new HashMap<>();
        for (Holding h : terms.holdingsOf(resellerIssuers)) {
            holdings.computeIfAbsent(h.resellerId(), k -> new ArrayList<>()).add(h);
        }
        Map<UUID, Map<String, BigDecimal>> rates = invoices.taxRates(issuers);
        // the parties (with their countries and tax ids) and the rates are the chunk's, loaded above: no query per line
        ChargeCalculator.TaxRates taxRates = (issuer, buyer) -> TaxRules.decide(issuer.country(), buyer.country(),
                buyer.taxId(), rates.getOrDefault(issuer.id(), Map.of()));
        LocalDate usageFrom = earliest;
        Map<UUID, List<Daily>> subtree = new ConcurrentHashMap<>();

        Map<UUID, List<History>> byBuyer = new HashMap<>();
        histories.forEach(h -> byBuyer.computeIfAbsent(h.accountId(), k -> new ArrayList<>()).add(h));
        Map<UUID, ChargeCalculator.BuyerData> result = new HashMap<>();
        for (UUID buyerId : buyerIds) {
            Party buyer = known.get(buyerId);
            if (buyer == null) {
                continue;
            }
            result.put(buyerId, new ChargeCalculator.BuyerData(buyer, known,
                    byBuyer.getOrDefault(buyerId, List.of()), ledger, id -> daily.getOrDefault(id, List.of()),
                    p -> subtree.computeIfAbsent(p.id(), k -> usage.belowAccount(subtreeOf(p), usageFrom, asOf)),
                    holdings, taxRates, lastBilled));
        }
        return new Chunk(result);
    }

    private static io.cascade.accounts.api.Subtree subtreeOf(Party party) {
        if (party.subtree() == null) {
            throw new IllegalStateException("The subtree of " + party.id() + " lies outside the caller's scope");
        }
        return party.subtree();
    }
}
