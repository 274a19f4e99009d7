package io.cascade.accounts.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Why a SUSPENDED account is suspended (ADR 0006): on its {@link #OWN}, or by the cascade of a {@link #VENDOR} above
 * it, which brings it back when that vendor resumes. Derived from {@code account.suspended_by}.
 */
@Schema(name = "AccountSuspension")
public enum Suspension {
    OWN,
    VENDOR
}
