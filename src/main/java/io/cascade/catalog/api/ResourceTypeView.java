package io.cascade.catalog.api;

import java.util.UUID;

public record ResourceTypeView(UUID id, String code, String name, String unit) {
}
