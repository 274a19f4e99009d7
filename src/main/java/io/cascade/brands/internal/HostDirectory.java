package io.cascade.brands.internal;

import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.Licences;
import io.cascade.brands.api.PanelHosts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Finds the vendor behind a verified panel host ({@link PanelHosts}). */
@Service
class HostDirectory implements PanelHosts {
    private final JdbcClient jdbc;
    private final Licences licences;

    HostDirectory(JdbcClient jdbc, Licences licences) {
        this.jdbc = jdbc;
        this.licences = licences;
    }

    @Override
    public Optional<HostVendor> vendorFor(String host) {
        String name = normalise(host);
        if (name == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT account_id, account_path, host FROM panel_host
                        WHERE host = :host AND verified_at IS NOT NULL""")
                .param("host", name)
                .query((rs, n) -> new HostVendor(rs.getObject("account_id", UUID.class),
                        rs.getString("account_path"), rs.getString("host")))
                .optional()
                // a vendor without its WHITE_LABEL licence has no panel host (ADR 0038)
                .filter(vendor -> licences.holdsAt(vendor.accountPath(), Feature.WHITE_LABEL));
    }

    @Override
    public Optional<String> hostOf(UUID vendorId) {
        if (vendorId == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT host FROM panel_host
                        WHERE account_id = :id AND verified_at IS NOT NULL
                        ORDER BY verified_at, host LIMIT 1""")
                .param("id", vendorId).query(String.class).optional()
                .filter(host -> licences.holds(vendorId, Feature.WHITE_LABEL));
    }

    /** A {@code Host} header's name: lower case, without a port or a trailing dot; null when there is none. */
    static String normalise(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            return null; // an IPv6 literal is never a panel host
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.isEmpty() ? null : name;
    }
}
