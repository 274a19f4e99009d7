package io.cascade.subscriptions.api;

import io.cascade.shared.Caller;
import io.cascade.subscriptions.internal.DunningSuspensionStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Suspensions whose reason is {@link Suspension#DUNNING} (issue 17, ADR 0032), for the dunning module: each names the
 * dunning episode that took it, so that the episode's end lifts exactly those and nothing a person or an account's
 * suspension suspended. Only live (ACTIVE or PENDING) subscriptions are suspended; one already suspended for any
 * reason stays as it is. A person may resume a dunning suspension (the vendor side decides) or suspend it again as
 * its own; either clears the mark, so the episode's end no longer touches it, and the episode never suspends twice
 * (dunning takes each step once). Set-based: a statement per call, whatever the number of buyers; audited per
 * subscription, recorded in the terms history (billing reads it), followed by the services after the commit, and
 * published as {@link SubscriptionsChanged}. Runs in the caller's transaction.
 */
@Service
public class DunningSuspensions {
    private final DunningSuspensionStore store;

    DunningSuspensions(DunningSuspensionStore store) {
        this.store = store;
    }

    /**
     * What one episode suspends: the subscriptions of {@code buyerId} to plans of {@code vendorId}, or, with
     * {@code belowBuyer}, every subscription of the accounts below {@code buyerPath} (a reseller's customers).
     */
    public record Target(UUID episodeId, UUID vendorId, UUID buyerId, String buyerPath, boolean belowBuyer) {
    }

    /** A subscription suspended or resumed, its account, and the episode whose suspension it was. */
    public record Moved(UUID subscriptionId, UUID accountId, UUID episodeId) {
    }

    /** Suspends for dunning; answers the subscriptions suspended. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Moved> suspend(Caller caller, Collection<Target> targets) {
        return store.suspend(caller, targets).stream().map(DunningSuspensions::moved).toList();
    }

    /**
     * Lifts the dunning suspensions of these episodes (their buyers paid); answers the subscriptions lifted (one
     * whose account was suspended meanwhile stays suspended, now with its account).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Moved> lift(Caller caller, Collection<UUID> episodeIds) {
        return store.lift(caller, episodeIds).stream().map(DunningSuspensions::moved).toList();
    }

    private static Moved moved(DunningSuspensionStore.Moved m) {
        return new Moved(m.id(), m.accountId(), m.episodeId());
    }
}
