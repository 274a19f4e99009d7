package io.cascade.identity.internal;

import io.cascade.platform.api.ProblemResponses;
import io.cascade.shared.Caller;
import io.cascade.shared.Problem;
import io.cascade.shared.UserKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The one rule of a service user's reach (ADR 0009): it sees only itself. Its requests reach {@code /api/v1/me} and
 * below, {@code /api/v1/auth/...}, and the paths of its own user and service user ({@code /api/v1/users/{ownId}...},
 * {@code /api/v1/service-users/{ownId}...}, where the endpoints decide what it may do there); every other path
 * answers 404 as if it did not exist — platform-wide ones such as {@code /api/v1/services} or the reseller settings
 * too, which any staff member may read. Runs right after the bearer token is read, before any controller.
 */
class ServiceUserReach extends OncePerRequestFilter {
    private static final String API = "/api/v1/";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(API);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller
                && caller.kind() == UserKind.SERVICE_USER && !reaches(caller, request.getRequestURI())) {
            ProblemResponses.write(response, Problem.NOT_FOUND, "There is nothing at this path.");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean reaches(Caller caller, String uri) {
        String path = uri.substring(API.length() - 1);
        String self = caller.userId() == null ? null : caller.userId().toString();
        // a provisioning callback is authenticated by its signature, not by the caller: the caller plays no part
        return within(path, "/me") || within(path, "/auth") || within(path, "/provisioning-callbacks")
                || within(path, "/payment-callbacks")
                || self != null && (within(path, "/users/" + self) || within(path, "/service-users/" + self));
    }

    private static boolean within(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
