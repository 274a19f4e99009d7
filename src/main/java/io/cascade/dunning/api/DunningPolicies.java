package io.cascade.dunning.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.dunning.internal.PolicyStore;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.Money;
import io.cascade.shared.Privilege;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An issuer's dunning policy (issue 17): read by whoever may read its billing ({@code BILLING_READ}), replaced by
 * whoever manages it ({@code BILLING_MANAGE}) — the provider for its direct buyers, each reseller for its customers.
 * Without a policy of its own the default applies. Guarded by the policy's version (ETag, If-Match) and audited.
 */
@Service
public class DunningPolicies {
    private final PolicyStore store;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;

    DunningPolicies(PolicyStore store, AccountScope scope, Validation validation, AuditTrail audit, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    /** A policy with its version (the ETag; 0 while the default applies). */
    public record Versioned(DunningPolicy policy, long version) {
    }

    @Transactional(readOnly = true)
    public Versioned get(Caller caller, UUID issuerId) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        caller.require(Privilege.BILLING_READ);
        return store.find(issuer.id()).map(s -> new Versioned(s.policy(), s.version()))
                .orElse(new Versioned(DunningPolicy.DEFAULT, 0));
    }

    /** Replaces the policy; {@code ifMatch} (or null) must name the current version. Bad steps: nothing written. */
    @Transactional
    public Versioned replace(Caller caller, UUID issuerId, String ifMatch, DunningPolicy request) {
        ScopedAccount issuer = scope.require(caller, issuerId);
        caller.require(Privilege.BILLING_MANAGE);
        validation.check(request, rules(request));
        long current = store.lock(issuer.id());
        Etags.checkIfMatch(ifMatch, current);
        DunningPolicy before = store.find(issuer.id()).map(PolicyStore.Stored::policy).orElse(DunningPolicy.DEFAULT);
        DunningPolicy normalized = new DunningPolicy(request.steps(), request.customerGraceDays(), null);
        long version = store.replace(issuer.id(), issuer.path(), normalized, clock.instant());
        Versioned after = new Versioned(store.find(issuer.id()).orElseThrow().policy(), version);
        audit.record(new AuditRecord(caller, issuer.id(), issuer.path(), "dunning.policy-changed", before,
                after.policy()));
        return after;
    }

    /** The rules beyond each field's own: steps in order of days, a late fee only on a warning, one minimum per currency. */
    private static List<FieldProblem> rules(DunningPolicy request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request == null || request.steps() == null) {
            return problems;
        }
        Integer previous = null;
        for (int i = 0; i < request.steps().size(); i++) {
            DunningPolicy.Step step = request.steps().get(i);
            if (step == null) {
                continue;
            }
            String field = "steps[" + i + "]";
            if (step.daysOverdue() != null) {
                if (previous != null && step.daysOverdue() < previous) {
                    problems.add(new FieldProblem(field + ".daysOverdue",
                            "must not be less than the step before (" + previous + "): steps are in order"));
                }
                previous = step.daysOverdue();
            }
            if (step.lateFee() != null && step.action() != DunningAction.WARNING) {
                problems.add(new FieldProblem(field + ".lateFee", "only a WARNING charges a late fee"));
            }
            if (step.lateFee() != null && step.lateFee().amount() == null && step.lateFee().percent() == null) {
                problems.add(new FieldProblem(field + ".lateFee", "needs an amount, a percent or both"));
            }
            if (step.minimumAmount() != null && step.minimumAmount().scale() > 4) {
                problems.add(new FieldProblem(field + ".minimumAmount", "has at most 4 decimals"));
            }
            if (step.lateFee() != null && step.lateFee().amount() != null && step.lateFee().amount().scale() > 4) {
                problems.add(new FieldProblem(field + ".lateFee.amount", "has at most 4 decimals"));
            }
            if (step.minimums() != null) {
                Set<String> seen = new HashSet<>();
                for (int j = 0; j < step.minimums().size(); j++) {
                    Money minimum = step.minimums().get(j);
                    if (minimum == null || minimum.currency() == null) {
                        continue;
                    }
                    String at = field + ".minimums[" + j + "]";
                    if (!seen.add(minimum.currency().getCurrencyCode())) {
                        problems.add(new FieldProblem(at + ".currency", "appears twice"));
                    }
                    if (minimum.amount() != null && minimum.amount().signum() < 0) {
                        problems.add(new FieldProblem(at + ".amount", "must not be negative"));
                    }
                }
            }
        }
        return problems;
    }
}
