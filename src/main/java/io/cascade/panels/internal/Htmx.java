package io.cascade.panels.internal;

import jakarta.servlet.http.HttpServletRequest;

/** What htmx tells the server about a request. */
final class Htmx {
    private Htmx() {
    }

    static boolean isRequest(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    /** An htmx request that wants a part of the page (not a history restore, which needs the whole page). */
    static boolean wantsFragment(HttpServletRequest request) {
        return isRequest(request) && !"true".equals(request.getHeader("HX-History-Restore-Request"));
    }
}
