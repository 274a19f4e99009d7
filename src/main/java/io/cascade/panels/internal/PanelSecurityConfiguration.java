package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.identity.api.Logins;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The panels' own security filter chain, first in line ({@code @Order(1)}) and only for the panel paths; the REST
 * API's stateless bearer-token chain keeps everything else. Sessions live in PostgreSQL (Spring Session JDBC) and
 * hold the Cascade API token of the signed-in user; {@link PanelSessionFilter} turns it into a caller on every
 * request. CSRF protection is on, the session cookie is HttpOnly and SameSite=Lax (Secure when the request came over
 * HTTPS, or as configured), and pages carry a strict content security policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcHttpSession
class PanelSecurityConfiguration {
    static final String[] PATHS = {"/", "/panel", "/panel/**", "/login", "/logout", "/webjars/**", "/assets/**"};
    static final String COOKIE = "CASCADE_SESSION";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain panelSecurity(HttpSecurity http, Logins logins, AccountScope scope) throws Exception {
        var statics = new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/assets/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/webjars/**"));
        var contexts = new RequestAttributeSecurityContextRepository();
        http
                .securityMatcher(PATHS)
                .csrf(Customizer.withDefaults())
                .securityContext(c -> c.securityContextRepository(contexts))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .requestCache(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .addFilterBefore(new PanelSessionFilter(logins, scope, contexts), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/logout", "/assets/**", "/webjars/**").permitAll()
                        // reached from a link in a mail, before there is a password to sign in with
                        .requestMatchers("/panel/invitation", "/panel/forgot-password", "/panel/password-reset")
                        .permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> toSignIn(request, response))
                        .accessDeniedHandler(accessDenied()))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .crossOriginOpenerPolicy(c -> c.policy(
                                CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()"))
                        // pages are never cached; htmx and the style sheet may be
                        .cacheControl(c -> c.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(statics),
                                new CacheControlHeadersWriter())));
        return http.build();
    }

    /** Not signed in (or the session's token no longer works): to the sign-in page, which says why. */
    private static void toSignIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String target = "/login";
        if (request.getAttribute(PanelSessionFilter.ENDED) != null) {
            target += "?ended";
        } else if ("GET".equals(request.getMethod()) && !"/".equals(request.getRequestURI())) {
            String query = request.getQueryString();
            String next = request.getRequestURI() + (query == null ? "" : "?" + query);
            target += "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        }
        if (Htmx.isRequest(request)) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.sendRedirect(target);
    }

    /** A form whose CSRF token no longer matches: its session expired, or it was forged. Nothing is changed. */
    private static AccessDeniedHandler accessDenied() {
        return (request, response, ex) -> {
            boolean signedIn = PanelSession.token(request).isPresent();
            String target = ex instanceof CsrfException ? (signedIn ? "/panel/form-expired" : "/login?expired")
                    : "/panel/form-expired";
            if (Htmx.isRequest(request)) {
                response.setHeader("HX-Redirect", target);
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            response.sendRedirect(target);
        };
    }

    /** The session cookie: HttpOnly, SameSite=Lax; Secure follows the request unless configured. */
    @Bean
    CookieSerializer panelSessionCookie(@Value("${cascade.panel.cookie-secure:}") String secure) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(COOKIE);
        cookie.setCookiePath("/");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        if (!secure.isBlank()) {
            cookie.setUseSecureCookie(Boolean.parseBoolean(secure.strip()));
        }
        return cookie;
    }

    /** Idle sessions end after {@code cascade.panel.session-timeout} (default 30 minutes). */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> panelSessionTimeout(
            @Value("${cascade.panel.session-timeout:PT30M}") Duration timeout) {
        return repository -> repository.setDefaultMaxInactiveInterval(timeout);
    }
}
