package io.cascade.messages.internal;

import io.cascade.brands.api.PanelHosts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Cascade's address as its users reach it, the start of every link in a mail: {@code cascade.public-url}
 * (environment {@code CASCADE_PUBLIC_URL}, e.g. {@code https://cascade.example.com}); unset, this server on
 * localhost at the port it listens on, which only works on the machine itself. A mail sent as a vendor with a verified
 * panel host links to that host instead (scheme, port and path as configured), so that its customers follow the
 * links to the pages in its brand and never learn the platform's address (issue 18).
 */
@Component
class PublicUrl {
    private final String configured;
    private final Environment environment;
    private final PanelHosts hosts;
    /** The local address once the server listens (looking it up in the environment for every link is not cheap). */
    private volatile String local;

    PublicUrl(@Value("${cascade.public-url:}") String configured, Environment environment, PanelHosts hosts) {
        this.hosts = hosts;
        String url = configured == null ? "" : configured.strip();
        if (!url.isEmpty() && !url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new IllegalArgumentException("cascade.public-url must be an http or https URL without query, e.g. "
                    + "https://cascade.example.com; it is " + configured);
        }
        this.configured = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.environment = environment;
    }

    /** The base, without a trailing slash. */
    String base() {
        if (!configured.isEmpty()) {
            return configured;
        }
        String known = local;
        if (known != null) {
            return known;
        }
        String port = environment.getProperty("local.server.port");
        String url = "http://localhost:" + (port != null ? port : environment.getProperty("server.port", "8080"));
        if (port != null) {
            local = url;
        }
        return url;
    }

    /** The base for a mail sent as this vendor: on its verified panel host if it has one, else {@link #base()}. */
    String base(UUID vendorId) {
        String base = base();
        return hosts.hostOf(vendorId).map(host -> {
            try {
                URI uri = new URI(base);
                return new URI(uri.getScheme(), null, host, uri.getPort(), uri.getPath(), null, null).toString();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }).orElse(base);
    }

    /** A page with one query parameter (a token), encoded, for a mail sent as this vendor ({@link #base(UUID)}). */
    String page(UUID vendorId, String path, String parameter, String value) {
        return base(vendorId) + path + "?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
