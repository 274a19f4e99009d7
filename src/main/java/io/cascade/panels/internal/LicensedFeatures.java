package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.Licences;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the accounts on a panel page are licensed for (ADR 0038): templates ask {@code licensed.has(account,
 * 'SIM_MANAGEMENT')} and hide what is not granted. One read per account shown, kept for the request.
 */
final class LicensedFeatures {
    private final Licences licences;
    private final Map<String, Set<Feature>> byPath = new HashMap<>();

    LicensedFeatures(Licences licences) {
        this.licences = licences;
    }

    /** Whether the account (an {@code AccountView}, {@code ScopedAccount} or {@code AccountFacts}) holds it. */
    public boolean has(Object account, String feature) {
        String path;
        if (account == null) {
            path = null;
        } else if (account instanceof AccountView view) {
            path = view.path();
        } else if (account instanceof io.cascade.accounts.api.ScopedAccount scoped) {
            path = scoped.path();
        } else if (account instanceof io.cascade.accounts.api.AccountFacts facts) {
            path = facts.path();
        } else {
            throw new IllegalArgumentException("Not an account: " + account.getClass());
        }
        return path != null && byPath.computeIfAbsent(path, licences::held).contains(Feature.valueOf(feature));
    }
}
