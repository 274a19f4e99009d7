package io.cascade.identity.internal;

import io.cascade.platform.api.ProblemResponses;
import io.cascade.shared.Caller;
import io.cascade.shared.Problem;
import io.cascade.shared.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/** {@code Authorization: Bearer <token>} → the {@link Caller}, or 401 at once for a bad token. */
class BearerTokenFilter extends OncePerRequestFilter {
    private final Authenticator authenticator;

    BearerTokenFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Object requestId = request.getAttribute(RequestIds.ATTRIBUTE);
        Optional<Tokens.Authenticated> authenticated = authenticator.authenticateBearer(header.substring(7).trim(),
                requestId == null ? null : requestId.toString());
        if (authenticated.isEmpty()) {
            ProblemResponses.write(response, Problem.INVALID_TOKEN,
                    "The token is unknown, expired or revoked, or its user or account is not active.");
            return;
        }
        if (!authenticated.get().apiAccess()) {
            ProblemResponses.write(response, Problem.FEATURE_NOT_LICENSED,
                    "This account's licence does not include API_ACCESS; its vendor can grant it.",
                    java.util.Map.of("feature", "API_ACCESS"));
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(authenticated.get().caller()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** An authenticated caller as Spring Security sees it. */
    static final class CallerAuthentication extends AbstractAuthenticationToken {
        private final Caller caller;

        CallerAuthentication(Caller caller) {
            super(AuthorityUtils.NO_AUTHORITIES);
            this.caller = caller;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return caller;
        }
    }
}
