package io.cascade.platform.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Marks an answer that carries a one-time secret (an invitation token). Such an answer is never stored for
 * Idempotency-Key replays: a replay gets the same status, Location and ETag with an empty body.
 */
public final class OneTimeSecrets {
    static final String ATTRIBUTE = "cascade.oneTimeSecret";

    private OneTimeSecrets() {
    }

    public static void mark(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, Boolean.TRUE);
    }

    public static boolean marked(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }
}
