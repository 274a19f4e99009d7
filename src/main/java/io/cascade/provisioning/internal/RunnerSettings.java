package io.cascade.provisioning.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The settings of provisioning's attempts ({@code cascade.provisioning.*}, see docs/guide.md). Where and how many run
 * at once, and when a dead node's attempt is taken over, are the job engine's ({@code cascade.jobs.*}).
 */
@Component
class RunnerSettings {
    final int maxAttempts;
    final Duration backoff;
    final Duration backoffMax;
    final Duration callbackTimeout;
    final Duration httpTimeout;
    private final String callbackBaseUrl;
    private final Environment environment;

    RunnerSettings(@Value("${cascade.provisioning.max-attempts:10}") int maxAttempts,
                   @Value("${cascade.provisioning.backoff:PT30S}") Duration backoff,
                   @Value("${cascade.provisioning.backoff-max:PT1H}") Duration backoffMax,
                   @Value("${cascade.provisioning.callback-timeout:PT1H}") Duration callbackTimeout,
                   @Value("${cascade.provisioning.http-timeout:PT10S}") Duration httpTimeout,
                   @Value("${cascade.provisioning.callback-base-url:${cascade.public-url:}}") String callbackBaseUrl,
                   Environment environment) {
        if (maxAttempts < 1 || backoff.isNegative() || backoffMax.isNegative()) {
            throw new IllegalArgumentException("cascade.provisioning: max-attempts must be positive, and the back-off "
                    + "not negative");
        }
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.backoffMax = backoffMax;
        this.callbackTimeout = callbackTimeout;
        this.httpTimeout = httpTimeout;
        this.callbackBaseUrl = callbackBaseUrl;
        this.environment = environment;
    }

    /** The wait before attempt {@code attempts + 1}: the back-off doubled per attempt, at most backoff-max. */
    Duration delayAfter(int attempts) {
        Duration delay = backoff;
        for (int i = 1; i < attempts && delay.compareTo(backoffMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
    }

    /**
     * Where remote systems send completion callbacks: the configured callback base, else Cascade's public URL
     * ({@code cascade.public-url}), else this server on localhost.
     */
    String callbackBase() {
        if (callbackBaseUrl != null && !callbackBaseUrl.isBlank()) {
            return callbackBaseUrl.endsWith("/") ? callbackBaseUrl.substring(0, callbackBaseUrl.length() - 1)
                    : callbackBaseUrl;
        }
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }
}
