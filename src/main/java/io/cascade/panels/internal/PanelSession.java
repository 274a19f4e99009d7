package io.cascade.panels.internal;

import io.cascade.identity.api.IssuedToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.session.FindByIndexNameSessionRepository;

import java.util.Optional;
import java.util.UUID;

/**
 * What a panel session holds: the API token of the signed-in user (from {@code Logins.signIn}, name "panel") and,
 * while the user acts on behalf of an account below, that account's id. Nothing else of the user is kept: the caller
 * is resolved from the token on every request. While the user acts as a customer user or service user below it, the
 * session holds that user's id instead.
 */
final class PanelSession {
    static final String TOKEN = "cascade.panel.token";
    static final String ACTING_AS = "cascade.panel.actingAs";
    /** While a vendor's staff member acts as a customer user or service user below it: that user's id. */
    static final String ACTING_AS_USER = "cascade.panel.actingAsUser";
    /** The host the session was made on; no other host accepts it (ADR 0035). */
    static final String HOST = "cascade.panel.host";

    private PanelSession() {
    }

    /** Signs in: a fresh session (a new id, so a planted one is useless) holding the token. */
    static void start(HttpServletRequest request, IssuedToken token) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(TOKEN, token.token());
        session.setAttribute(HOST, SignInHosts.of(request));
        session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, token.userId().toString());
    }

    /** The session's token, only on the host the session was made on (a session of another host is not used). */
    static Optional<String> token(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(TOKEN) instanceof String token
                && SignInHosts.of(request).equals(session.getAttribute(HOST)) ? Optional.of(token)
                : Optional.empty();
    }

    static Optional<UUID> actingAs(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ACTING_AS) instanceof String id) {
            try {
                return Optional.of(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                session.removeAttribute(ACTING_AS);
            }
        }
        return Optional.empty();
    }

    static void actAs(HttpServletRequest request, UUID accountId) {
        HttpSession session = request.getSession(true);
        session.removeAttribute(ACTING_AS_USER);
        session.setAttribute(ACTING_AS, accountId.toString());
    }

    static Optional<UUID> actingAsUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ACTING_AS_USER) instanceof String id) {
            try {
                return Optional.of(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                session.removeAttribute(ACTING_AS_USER);
            }
        }
        return Optional.empty();
    }

    static void actAsUser(HttpServletRequest request, UUID userId) {
        HttpSession session = request.getSession(true);
        session.removeAttribute(ACTING_AS);
        session.setAttribute(ACTING_AS_USER, userId.toString());
    }

    /** Ends acting on behalf of an account or as a user. */
    static void stopActing(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ACTING_AS);
            session.removeAttribute(ACTING_AS_USER);
        }
    }

    /** The token no longer works (expired, revoked, user disabled, account suspended): forget it. */
    static void forget(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(TOKEN);
            session.removeAttribute(ACTING_AS);
            session.removeAttribute(ACTING_AS_USER);
        }
    }

    static void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
