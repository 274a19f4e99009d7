package io.cascade.identity.api;

import io.cascade.shared.Privilege;

import java.util.Set;
import java.util.UUID;

/** A role: built-in ({@code accountId} null) or custom to one account. */
public record RoleView(UUID id, UUID accountId, String code, String name, boolean builtIn, Set<Privilege> privileges) {
}
