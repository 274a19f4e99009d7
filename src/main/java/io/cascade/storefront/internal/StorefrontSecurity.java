package io.cascade.storefront.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The storefront's public paths need no sign-in and keep no session: the HTML pages under {@code /store} and the
 * public JSON under {@code /api/v1/storefronts}. No CSRF token either: the order form carries its own signed,
 * single-use token (ADR 0034), and a session cookie would make the pages uncacheable. Pages get a strict content
 * security policy; their cache headers are set by the controllers.
 */
@Configuration(proxyBeanMethods = false)
class StorefrontSecurity {
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Bean
    @Order(2)
    SecurityFilterChain storefrontFilterChain(HttpSecurity http) throws Exception {
        http
                .securityMatcher("/store", "/store/**", "/api/v1/storefronts/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .cacheControl(c -> c.disable()));
        return http.build();
    }
}
