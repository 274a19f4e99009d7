package io.cascade.platform.internal;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.observation.SecurityObservationSettings;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Runs after Spring Security's filter chain (order -100), so the caller is known. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcClient jdbc, Clock clock) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(jdbc, clock));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0);
        return registration;
    }

    /**
     * No Spring Security observations (one per security filter, authentication and authorization): they cost about a
     * tenth of an API read's CPU (docs/benchmarks.md, P1) and no metric or trace uses them. The HTTP server
     * observation ({@code http.server.requests}) stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
