package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.identity.api.Logins;
import io.cascade.shared.Caller;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves the caller of every panel request from the session's token, exactly as the REST edge resolves a bearer
 * token ({@code Logins.authenticate}: one query that checks expiry, revocation, the user's and the account's status),
 * so a suspension, a disabled user or a revoked token ends the panel session on the next click. While the session
 * acts on behalf of an account below, the caller becomes {@code caller.actingAs(that account)} after the subtree
 * check of {@link AccountScope}; while it acts as a customer user or service user below it, the caller is that user's
 * ({@code Logins.actAsUser}: the user's scope, the privileges both hold), checked again on every request.
 */
class PanelSessionFilter extends OncePerRequestFilter {
    /** Request attribute: the {@link Callers} of this request, when signed in. */
    static final String CALLERS = "cascade.panel.callers";
    /** Request attribute: the session had a token that no longer works. */
    static final String ENDED = "cascade.panel.ended";

    private final Logins logins;
    private final AccountScope scope;
    private final SecurityContextRepository contexts;

    PanelSessionFilter(Logins logins, AccountScope scope, SecurityContextRepository contexts) {
        this.logins = logins;
        this.scope = scope;
        this.contexts = contexts;
    }

    /** The signed-in user ({@code home}) and whom it acts as this time ({@code caller}; the same unless acting). */
    record Callers(Caller home, Caller caller) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/assets/") || path.startsWith("/webjars/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = PanelSession.token(request);
        if (token.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Object requestId = request.getAttribute(RequestIds.ATTRIBUTE);
        Optional<Caller> home = logins.authenticate(token.get(), requestId == null ? null : requestId.toString());
        if (home.isEmpty()) {
            PanelSession.forget(request);
            request.setAttribute(ENDED, Boolean.TRUE);
            chain.doFilter(request, response);
            return;
        }
        Callers callers = new Callers(home.get(), actingAs(request, home.get()));
        request.setAttribute(CALLERS, callers);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PanelAuthentication(callers.caller()));
        SecurityContextHolder.setContext(context);
        // known to the chain for this request only (so it is not taken for a fresh sign-in); never stored
        contexts.saveContext(context, request, response);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Caller actingAs(HttpServletRequest request, Caller home) {
        Optional<UUID> user = PanelSession.actingAsUser(request);
        if (user.isPresent()) {
            try {
                return logins.actAsUser(home, user.get());
            } catch (NotFoundException | ForbiddenException e) {
                PanelSession.stopActing(request); // the user left the subtree, or is no longer active
                return home;
            }
        }
        Optional<UUID> target = PanelSession.actingAs(request);
        if (target.isEmpty() || target.get().equals(home.accountId())) {
            return home;
        }
        try {
            ScopedAccount account = scope.require(home, target.get());
            return home.actingAs(account.id(), account.path());
        } catch (NotFoundException e) {
            PanelSession.stopActing(request);
            return home;
        }
    }

    /** A signed-in panel user as Spring Security sees it. */
    static final class PanelAuthentication extends AbstractAuthenticationToken {
        private final Caller caller;

        PanelAuthentication(Caller caller) {
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

        @Override
        public String getName() {
            return caller.email();
        }
    }
}
