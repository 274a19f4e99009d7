package io.cascade.messages.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The settings of webhook deliveries ({@code cascade.webhooks.*}, docs/guide.md): how long an endpoint may fail
 * before it is disabled, the HTTP timeout of one delivery, how many deliveries of a batch are sent at once, and how
 * long a rotated secret keeps signing next to the new one.
 */
@Component
class WebhookSettings {
    private volatile Duration disableAfter;
    final Duration timeout;
    final int parallelism;
    final Duration secretOverlap;

    WebhookSettings(@Value("${cascade.webhooks.disable-after:P1D}") Duration disableAfter,
                    @Value("${cascade.webhooks.timeout:PT10S}") Duration timeout,
                    @Value("${cascade.webhooks.parallelism:32}") int parallelism,
                    @Value("${cascade.webhooks.secret-overlap:P1D}") Duration secretOverlap) {
        if (disableAfter.isNegative() || timeout.isNegative() || timeout.isZero() || parallelism < 1
                || secretOverlap.isNegative()) {
            throw new IllegalArgumentException("cascade.webhooks: disable-after and secret-overlap must not be "
                    + "negative, timeout must be positive, parallelism at least 1");
        }
        this.disableAfter = disableAfter;
        this.timeout = timeout;
        this.parallelism = parallelism;
        this.secretOverlap = secretOverlap;
    }

    /** How long an endpoint fails (every delivery attempt since the first failure) before it is disabled. */
    Duration disableAfter() {
        return disableAfter;
    }

    /** For tests in the shared application context: a window of seconds instead of a day. */
    void disableAfter(Duration window) {
        this.disableAfter = window;
    }
}
