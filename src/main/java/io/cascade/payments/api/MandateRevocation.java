package io.cascade.payments.api;

import jakarta.validation.constraints.Size;

/** Why a mandate is revoked (optional). */
public record MandateRevocation(@Size(max = 200) String reason) {
}
