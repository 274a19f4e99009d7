package io.cascade.brands.internal;

import io.cascade.brands.api.Brand;
import io.cascade.brands.api.Brands;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves the brand an account shows ({@link Brands}): one read of the {@code brand} rows of the account's path
 * prefixes (itself and every ancestor), the longest first.
 */
@Service
class BrandResolver implements Brands {
    static final String COLUMNS = """
            account_id, display_name, primary_colour, accent_colour, logo_type, support_email, support_phone,
            support_url, legal_footer, sender_name, sender_address, updated_at""";

    static final RowMapper<Brand> BRAND = (rs, n) -> new Brand(rs.getObject("account_id", UUID.class),
            rs.getString("display_name"), rs.getString("primary_colour"), rs.getString("accent_colour"),
            rs.getString("logo_type"), rs.getString("support_email"), rs.getString("support_phone"),
            rs.getString("support_url"), rs.getString("legal_footer"), rs.getString("sender_name"),
            rs.getString("sender_address"), instant(rs.getTimestamp("updated_at")));

    private final JdbcClient jdbc;

    BrandResolver(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Brand ofVendor(String vendorPath) {
        List<String> paths = prefixes(vendorPath);
        if (paths.isEmpty()) {
            return Brand.platformDefault();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM brand WHERE account_path IN (:paths)"
                        + " ORDER BY length(account_path) DESC LIMIT 1")
                .param("paths", paths)
                .query(BRAND)
                .optional()
                .orElseGet(Brand::platformDefault);
    }

    @Override
    public Brand seenBy(String accountPath, boolean vendor) {
        return ofVendor(vendor ? accountPath : parent(accountPath));
    }

    @Override
    public Optional<Logo> logo(UUID ownerId) {
        return jdbc.sql("SELECT logo_type, logo FROM brand WHERE account_id = :id AND logo IS NOT NULL")
                .param("id", ownerId)
                .query((rs, n) -> new Logo(rs.getString("logo_type"), rs.getBytes("logo")))
                .optional();
    }

    /** {@code "1.2.3."} → {@code ["1.", "1.2.", "1.2.3."]}; empty for null or empty. */
    static List<String> prefixes(String path) {
        List<String> prefixes = new ArrayList<>();
        if (path == null) {
            return prefixes;
        }
        for (int i = path.indexOf('.'); i >= 0; i = path.indexOf('.', i + 1)) {
            prefixes.add(path.substring(0, i + 1));
        }
        return prefixes;
    }

    /** The path of the account above: {@code "1.2.3."} → {@code "1.2."}; empty for a root. */
    static String parent(String path) {
        if (path == null || path.length() < 2) {
            return "";
        }
        int end = path.lastIndexOf('.', path.length() - 2);
        return end < 0 ? "" : path.substring(0, end + 1);
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
