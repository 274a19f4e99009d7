package io.cascade.brands.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The settings of panel hosts: the platform's own host names, which no vendor may attach (nor a name below one):
 * {@code cascade.panel-hosts.reserved} (comma-separated), the host of {@code cascade.public-url} and
 * {@code localhost}; and how many hosts one vendor may have ({@code cascade.panel-hosts.per-vendor}, default 10).
 */
@Component
class PanelHostSettings {
    private final List<String> reserved;
    private final int perVendor;

    PanelHostSettings(@Value("${cascade.panel-hosts.reserved:}") String reserved,
                      @Value("${cascade.public-url:}") String publicUrl,
                      @Value("${cascade.panel-hosts.per-vendor:10}") int perVendor) {
        if (perVendor < 1) {
            throw new IllegalArgumentException("cascade.panel-hosts.per-vendor must be at least 1");
        }
        List<String> hosts = new ArrayList<>(List.of("localhost"));
        Arrays.stream(reserved.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).forEach(hosts::add);
        if (!publicUrl.isBlank()) {
            String host = URI.create(publicUrl.strip()).getHost();
            if (host != null) {
                hosts.add(host.toLowerCase(Locale.ROOT));
            }
        }
        this.reserved = List.copyOf(hosts);
        this.perVendor = perVendor;
    }

    List<String> reserved() {
        return reserved;
    }

    int perVendor() {
        return perVendor;
    }
}
