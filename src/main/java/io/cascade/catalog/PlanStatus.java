package io.cascade.catalog;

public enum PlanStatus {
    DRAFT, PUBLISHED, RETIRED
}
