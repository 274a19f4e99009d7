package io.cascade.brands.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** How to verify a host: by looking up its DNS TXT record now (the default), or by hand (the provider's staff only). */
public record VerifyPanelHost(
        @Schema(description = "true: mark the host verified without looking at DNS (only the provider's staff)")
        Boolean manual) {

    public boolean byHand() {
        return Boolean.TRUE.equals(manual);
    }
}
