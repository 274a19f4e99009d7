package io.cascade.billing.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.internal.BalanceStore;
import io.cascade.billing.internal.BalanceStore.Pair;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.Prices;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.subscriptions.api.OrderGuard;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Optional credit limits per issuer-buyer pair (issue 17): the issuer sets one per buyer and currency; an order of a
 * plan of the issuer is refused (422 {@code credit-limit-exceeded}, naming the limit and the balance) when the buyer's
 * open balance with it plus the order's setup and recurring fee would exceed the limit. The order path reaches this
 * through {@link OrderGuard}, an interface of the subscriptions module's API, so that subscriptions never depends on
 * billing.
 */
@Service
public class CreditLimits implements OrderGuard {
    private final BalanceStore store;
    private final PlanManagement plans;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final Clock clock;

    CreditLimits(BalanceStore store, PlanManagement plans, AccountScope scope, AuditTrail audit, Clock clock) {
        this.store = store;
        this.plans = plans;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /** A limit with its version (the ETag). */
    public record Versioned(CreditLimitView limit, long version) {
    }

    @Transactional(readOnly = true)
    public Versioned get(Caller caller, UUID issuerId, UUID buyerId, String currency) {
        Pair pair = pair(caller, issuerId, buyerId, currency, Privilege.BILLING_READ);
        return view(pair, store.limit(pair));
    }

    /** Sets or removes the limit; {@code ifMatch} (or null) must name the current version. */
    @Transactional
    public Versioned set(Caller caller, UUID issuerId, UUID buyerId, String ifMatch, CreditLimitRequest request) {
        if (request == null || (request.limit() == null && request.currency() == null)) {
            throw new InvalidInputException("limit", "is required (null with currency removes the limit)");
        }
        String currency = request.limit() != null ? request.limit().currency().getCurrencyCode()
                : request.currency();
        if (request.limit() != null && request.currency() != null && !request.currency().equals(currency)) {
            throw new InvalidInputException("currency", "must be the limit's currency");
        }
        Pair pair = pair(caller, issuerId, buyerId, currency, Privilege.BILLING_MANAGE);
        if (request.limit() != null && request.limit().amount().signum() < 0) {
            throw new InvalidInputException("limit.amount", "must not be negative");
        }
        store.lockCredit(pair, clock.instant());
        BalanceStore.Limit before = store.limit(pair);
        Etags.checkIfMatch(ifMatch, before.version());
        long version = store.setLimit(pair, request.limit() == null ? null : request.limit().amount(),
                clock.instant());
        Versioned after = view(pair, store.limit(pair));
        Map<String, Object> old = new HashMap<>();
        old.put("limit", before.limit() == null ? null : new Money(before.limit(), Currency.getInstance(currency)));
        Map<String, Object> now = new HashMap<>();
        now.put("limit", after.limit().limit());
        now.put("issuerId", issuerId);
        audit.record(new AuditRecord(caller, buyerId, scope.require(caller, buyerId).path(),
                "billing.credit-limit-changed", old, now));
        return new Versioned(after.limit(), version);
    }

    @Override
    public void beforeOrder(UUID buyerId, UUID vendorId, UUID planId, String currency, LocalDate start) {
        Pair pair = new Pair(vendorId, buyerId, currency);
        BalanceStore.Limit limit = store.limit(pair);
        if (limit.limit() == null) {
            return;
        }
        Currency c = Currency.getInstance(currency);
        BigDecimal[] dueAndCredit = store.dueAndCredit(pair);
        BigDecimal balance = dueAndCredit[0].subtract(dueAndCredit[1]);
        Prices prices = plans.pricesOn(planId, start);
        BigDecimal order = amount(prices.setupFee()).add(amount(prices.recurringFee()));
        if (balance.add(order).compareTo(limit.limit()) > 0) {
            Money limitMoney = new Money(limit.limit(), c);
            Money balanceMoney = new Money(balance, c);
            throw new RuleViolationException(Problem.CREDIT_LIMIT_EXCEEDED, "The order of "
                    + order.toPlainString() + " " + currency + " would take the open balance of "
                    + balanceMoney.amount().toPlainString() + " " + currency + " above the credit limit of "
                    + limitMoney.amount().toPlainString() + " " + currency + ".",
                    Map.of("limit", limitMoney, "balance", balanceMoney, "order", new Money(order, c)));
        }
    }

    private static BigDecimal amount(Money money) {
        return money == null ? BigDecimal.ZERO : money.amount();
    }

    private Pair pair(Caller caller, UUID issuerId, UUID buyerId, String currency, Privilege privilege) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        ScopedAccount buyer = scope.require(caller, buyerId);
        caller.require(privilege);
        if (buyer.id().equals(issuer.id()) || !buyer.path().startsWith(issuer.path())) {
            throw new NotFoundException();
        }
        List<String> currencies = store.currencies(issuerId, buyerId);
        String chosen = currency;
        if (chosen == null) {
            if (currencies.size() != 1) {
                throw new InvalidInputException("currency", currencies.isEmpty() ? "is required"
                        : "is required: the pair is billed in " + String.join(", ", currencies));
            }
            chosen = currencies.get(0);
        }
        try {
            Currency.getInstance(chosen);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("currency", "must be an ISO 4217 code");
        }
        return new Pair(issuerId, buyerId, chosen);
    }

    private Versioned view(Pair pair, BalanceStore.Limit limit) {
        Currency c = Currency.getInstance(pair.currency());
        BigDecimal[] dueAndCredit = store.dueAndCredit(pair);
        return new Versioned(new CreditLimitView(pair.issuerId(), pair.buyerId(), pair.currency(),
                limit.limit() == null ? null : new Money(limit.limit(), c),
                new Money(dueAndCredit[0].subtract(dueAndCredit[1]), c)), limit.version());
    }
}
