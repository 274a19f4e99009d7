package io.cascade.dunning.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.dunning.internal.DunningEvaluation;
import io.cascade.dunning.internal.Episodes;
import io.cascade.dunning.internal.PolicyStore;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Money;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where buyers stand in dunning (issue 17): one pair as its issuer sees it, an account's pairs as a buyer, the
 * issuer's buyers in dunning (paged), and the evaluation run by hand (the provider's staff; the daily job runs it
 * anyway). Reads need {@code BILLING_READ} on an account in the caller's subtree (404 outside).
 */
@Service
public class DunningStates {
    private final Episodes episodes;
    private final PolicyStore policies;
    private final DunningEvaluation evaluation;
    private final AccountScope scope;
    private final Clock clock;

    DunningStates(Episodes episodes, PolicyStore policies, DunningEvaluation evaluation, AccountScope scope,
                  Clock clock) {
        this.episodes = episodes;
        this.policies = policies;
        this.evaluation = evaluation;
        this.scope = scope;
        this.clock = clock;
    }

    /** The pair of an issuer and one of its buyers, as the issuer side sees it. */
    @Transactional(readOnly = true)
    public DunningState pair(Caller caller, UUID issuerId, UUID buyerId) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        ScopedAccount buyer = scope.require(caller, buyerId);
        caller.require(Privilege.BILLING_READ);
        if (buyer.id().equals(issuer.id()) || !buyer.path().startsWith(issuer.path())) {
            throw new NotFoundException();
        }
        return state(issuer.id(), buyer.id(), buyer.companyName());
    }

    /** An account's dunning as a buyer: one state per vendor it has been in dunning with or owes anything. */
    @Transactional(readOnly = true)
    public List<DunningState> ofBuyer(Caller caller, UUID accountId) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_READ);
        return episodes.issuersOf(account.id()).stream()
                .map(issuer -> state(issuer, account.id(), account.companyName())).toList();
    }

    /** The issuer's buyers in dunning (an open episode), oldest episode first. */
    @Transactional(readOnly = true)
    public Page<DunningState> inDunning(Caller caller, UUID issuerId, Integer limit, String cursor) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        caller.require(Privilege.BILLING_READ);
        int size = Cursors.limit(limit);
        String after = Cursors.decode("dunning", cursor);
        if (after != null && !after.matches("\\d{4}-\\d{2}-\\d{2}\\|[0-9a-f-]{36}")) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<Episodes.Episode> rows = episodes.openOfIssuer(issuer.id(), after == null ? null : after.split("\\|"),
                size + 1);
        List<Episodes.Episode> page = rows.stream().limit(size).toList();
        List<DunningState> states = page.stream().map(e -> state(issuer.id(), e.buyerId(),
                episodes.name(e.buyerId()).orElse(null))).toList();
        String next = rows.size() > size ? Cursors.encode("dunning", page.get(size - 1).startedOn() + "|"
                + page.get(size - 1).buyerId()) : null;
        return new Page<>(states, next);
    }

    /** Runs the evaluation now (the provider's staff, BILLING_MANAGE); the daily job does the same. */
    public DunningEvaluationResult evaluate(Caller caller) {
        AccountFacts own = scope.facts(caller, caller.accountId()).orElseThrow(NotFoundException::new);
        if (own.type() != AccountType.PROVIDER || !caller.covers(own.path())) {
            throw new RuleViolationException(Problem.PROVIDER_ONLY, "Only the provider's staff run dunning.");
        }
        caller.require(Privilege.BILLING_MANAGE);
        return evaluation.evaluate();
    }

    private DunningState state(UUID issuerId, UUID buyerId, String buyerName) {
        LocalDate today = LocalDate.now(clock);
        DunningPolicy policy = policies.effective(issuerId);
        Optional<Episodes.Overdue> overdue = episodes.overdue(issuerId, buyerId, today);
        Optional<Episodes.Episode> episode = episodes.latest(issuerId, buyerId);
        List<Episodes.Step> steps = episode.map(e -> episodes.steps(e.id())).orElse(List.of());
        boolean open = episode.map(e -> e.endedOn() == null).orElse(false);
        List<DunningState.Taken> history = steps.stream().map(s -> new DunningState.Taken(s.position(), s.action(),
                s.takenOn(), s.daysOverdue(), new Money(s.overdue(), Currency.getInstance(s.currency())),
                s.feeInvoiceId())).toList();
        boolean blocked = open && steps.stream().anyMatch(s -> s.action() == DunningAction.BLOCK_ORDERS);
        Episodes.Step suspended = !open ? null : steps.stream().filter(s -> s.action() == DunningAction.SUSPEND)
                .findFirst().orElse(null);
        boolean flagged = open && steps.stream().anyMatch(s -> s.action() == DunningAction.FLAG);
        String stage = !open ? (overdue.isPresent() ? "OVERDUE" : "NONE")
                : steps.isEmpty() ? "OVERDUE" : steps.get(steps.size() - 1).action().name();
        LocalDate customersSuspendOn = null;
        if (suspended != null && "RESELLER".equals(episode.get().buyerType()) && policy.customerGraceDays() != null
                && episode.get().customersSuspendedOn() == null) {
            customersSuspendOn = suspended.takenOn().plusDays(Math.max(policy.customerGraceDays(), 1));
        }
        DunningState.Next next = null;
        if (overdue.isPresent()) {
            List<Integer> taken = open ? steps.stream().map(Episodes.Step::position).toList() : List.of();
            for (int i = 0; i < policy.steps().size(); i++) {
                if (!taken.contains(i + 1)) {
                    DunningPolicy.Step step = policy.steps().get(i);
                    Currency c = Currency.getInstance(overdue.get().currency());
                    java.math.BigDecimal minimum = step.minimumAmount() == null ? java.math.BigDecimal.ZERO
                            : step.minimumAmount();
                    if (step.minimums() != null) {
                        minimum = step.minimums().stream().filter(m -> m.currency().equals(c)).findFirst()
                                .map(Money::amount).orElse(minimum);
                    }
                    LocalDate dueOn = overdue.get().oldestDue().plusDays(step.daysOverdue());
                    next = new DunningState.Next(i + 1, step.action(), dueOn.isBefore(today) ? today : dueOn,
                            new Money(minimum, c));
                    break;
                }
            }
        }
        return new DunningState(issuerId, episodes.name(issuerId).orElse(null), buyerId, buyerName, open, stage, episode.map(Episodes.Episode::startedOn)
                .orElse(null), episode.map(Episodes.Episode::endedOn).orElse(null),
                overdue.map(o -> new Money(o.amount(), Currency.getInstance(o.currency()))).orElse(null),
                overdue.map(Episodes.Overdue::oldestDue).orElse(null),
                overdue.map(o -> (int) (today.toEpochDay() - o.oldestDue().toEpochDay())).orElse(null),
                blocked, suspended != null, flagged, customersSuspendOn,
                episode.map(Episodes.Episode::customersSuspendedOn).orElse(null), history, next);
    }
}
