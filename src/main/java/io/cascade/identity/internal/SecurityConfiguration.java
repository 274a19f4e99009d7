package io.cascade.identity.internal;

import io.cascade.platform.api.ProblemResponses;
import io.cascade.shared.Problem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * The REST edge is stateless: every request under /api carries a bearer token (see ADR 0004). Health, metrics and
 * the OpenAPI document are public; everything else needs a valid token of an active user of an active account.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * bcrypt with the work factor {@code cascade.identity.password-hash-cost} (log2 of the rounds, 4 to 31; 10 by
     * default, about 60 ms per hash on one core). Hashes keep their own cost, so changing it affects new passwords
     * only. The tests lower it to 4, where thousands of sign-ins would otherwise cost minutes.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${cascade.identity.password-hash-cost:10}") int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalStateException("cascade.identity.password-hash-cost must be between 4 and 31, not " + cost);
        }
        return new BCryptPasswordEncoder(cost);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, Authenticator authenticator) throws Exception {
        // only what a bearer request needs (ADR 0041). Stateless without session management: nothing here creates
        // or reads an HTTP session (no SessionManagementFilter, no DisableEncodeUrlFilter), and a 401 saves no request
        // to return to. BearerTokenFilter sets the caller and clears it again (no SecurityContextHolderFilter), nobody
        // asks the servlet request for its principal or roles (no SecurityContextHolderAwareRequestFilter), and a
        // request without a token stays without an authentication (no AnonymousAuthenticationFilter): the rules
        // below answer it 401 as before.
        http.setSharedObject(RequestCache.class, new NullRequestCache());
        http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .servletApi(c -> c.disable())
                .anonymous(a -> a.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/tokens", "/api/v1/auth/invitations/accept",
                                "/api/v1/auth/password-resets", "/api/v1/auth/password-resets/complete")
                        .permitAll()
                        // provisioning completion reports are authenticated by their Standard Webhooks signature
                        .requestMatchers(HttpMethod.POST, "/api/v1/provisioning-callbacks/*").permitAll()
                        // payment gateways' confirmations are authenticated by their signature (ADR 0031)
                        .requestMatchers(HttpMethod.POST, "/api/v1/payment-callbacks/*").permitAll()
                        // the rest of the API before the public paths below (none of which is under /api/), so that
                        // an API request is decided after three method checks and one path match
                        .requestMatchers("/api/**").authenticated()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new BearerTokenFilter(authenticator), UsernamePasswordAuthenticationFilter.class)
                // a service user reaches only itself: everything else answers 404, by this one rule
                .addFilterAfter(new ServiceUserReach(), BearerTokenFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(response,
                                Problem.UNAUTHENTICATED,
                                "Send a valid token: Authorization: Bearer <token> (POST /api/v1/auth/tokens)."))
                        .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response,
                                Problem.FORBIDDEN, "Access denied.")))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                        + "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
