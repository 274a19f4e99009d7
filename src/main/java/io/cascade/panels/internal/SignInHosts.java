package io.cascade.panels.internal;

import io.cascade.brands.api.PanelHosts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Who may sign in where (ADR 0035). On a vendor's verified panel host (the request's host, {@code Host} or, behind a
 * proxy configured to be trusted, its forwarded host) only users of that vendor's subtree sign in, ask for or use a
 * password-reset link; on any other host (the platform's own) everyone does, as before. A panel session is kept for
 * the host it was made on ({@link PanelSession#start}): another host does not accept it.
 */
@Component
class SignInHosts {
    private final PanelHosts hosts;

    SignInHosts(PanelHosts hosts) {
        this.hosts = hosts;
    }

    /** The materialized path of the subtree whose users may sign in on this request's host; null: anyone. */
    String subtree(HttpServletRequest request) {
        return hosts.vendorFor(request.getServerName()).map(PanelHosts.HostVendor::accountPath).orElse(null);
    }

    /** The request's host name as a session remembers it: lower case, without port or trailing dot. */
    static String of(HttpServletRequest request) {
        String name = request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
