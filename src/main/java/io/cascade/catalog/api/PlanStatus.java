package io.cascade.catalog.api;

public enum PlanStatus {
    DRAFT, PUBLISHED, RETIRED
}
