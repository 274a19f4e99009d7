package io.cascade.catalog.api;

import java.util.UUID;

/** A resource type: {@code metered} (usage is reported for it) or counted (its quantity is what is ordered). */
public record ResourceTypeView(UUID id, String code, String name, String unit, boolean metered) {
}
