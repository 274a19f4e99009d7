package io.cascade.brands.internal;

import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.Licences;
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
 * Resolves the brand an account shows ({@link Brands}, ADR 0033): one statement over the account's path prefixes
 * (itself and every ancestor, each an index lookup), the longest first. A prefix counts when its vendor has a brand of
 * its own ({@code brand}), or when it chose to show its own name without one ({@code brand_setting.own_name}) and the
 * provider's policy allows that ({@code brand_policy}); at the same prefix the own brand wins. Both are white label:
 * a prefix counts only while its vendor holds {@link Feature#WHITE_LABEL} (ADR 0038), so a vendor that lost it shows,
 * and its subtree sees, the nearest licensed brand above it; its brand is kept and counts again once the licence is
 * granted again. The licence is read only when the nearest brand is not the provider's (one indexed read), and nothing
 * is cached, so a grant or a revocation shows on the next page, document and mail.
 */
@Service
class BrandResolver implements Brands {
    static final String COLUMNS = """
            account_id, display_name, primary_colour, accent_colour, logo_type, support_email, support_phone,
            support_url, legal_footer, sender_name, sender_address, updated_at, logo_sha256""";

    static final RowMapper<Brand> BRAND = (rs, n) -> new Brand(rs.getObject("account_id", UUID.class),
            rs.getString("display_name"), rs.getString("primary_colour"), rs.getString("accent_colour"),
            rs.getString("logo_type"), rs.getString("support_email"), rs.getString("support_phone"),
            rs.getString("support_url"), rs.getString("legal_footer"), rs.getString("sender_name"),
            rs.getString("sender_address"), instant(rs.getTimestamp("updated_at")), rs.getString("logo_sha256"));

    /** The brands on the path, or own names where a vendor chose it and the policy allows it: the nearest first. */
    private static final String NEAREST = """
            SELECT account_path, account_id, display_name, primary_colour, accent_colour, logo_type, support_email,
                   support_phone, support_url, legal_footer, sender_name, sender_address, updated_at, logo_sha256,
                   own_name
            FROM (SELECT account_path, 0 AS rank, false AS own_name, account_id, display_name::text AS display_name,
                         primary_colour::text AS primary_colour, accent_colour::text AS accent_colour, logo_type,
                         support_email::text AS support_email, support_phone::text AS support_phone,
                         support_url::text AS support_url, legal_footer::text AS legal_footer,
                         sender_name::text AS sender_name, sender_address::text AS sender_address, updated_at,
                         logo_sha256::text AS logo_sha256
                  FROM brand WHERE account_path IN (:paths)
                  UNION ALL
                  SELECT s.account_path, 1, true, s.account_id, t.company_name::text, :primary, :accent, NULL, NULL,
                         NULL, NULL, NULL, NULL, NULL, s.updated_at, NULL
                  FROM brand_setting s JOIN account_tree t ON t.id = s.account_id
                  WHERE s.account_path IN (:paths) AND s.own_name
                    AND (SELECT vendors_may_show_own_name FROM brand_policy)) nearest
            ORDER BY length(account_path) DESC, rank""";

    /** A resolved brand, and whether it is a vendor's plain own-name brand rather than a brand it set. */
    record Resolved(Brand brand, boolean ownName) {
    }

    /** A brand on the path and the path of the vendor it belongs to. */
    private record Candidate(String path, Resolved resolved) {
    }

    private final JdbcClient jdbc;
    private final Licences licences;

    BrandResolver(JdbcClient jdbc, Licences licences) {
        this.jdbc = jdbc;
        this.licences = licences;
    }

    @Override
    public Brand ofVendor(String vendorPath) {
        return resolve(vendorPath).brand();
    }

    /** {@link #ofVendor}, saying whether the brand is a plain own-name one. */
    Resolved resolve(String vendorPath) {
        List<String> paths = prefixes(vendorPath);
        if (paths.isEmpty()) {
            return new Resolved(Brand.platformDefault(), false);
        }
        List<Candidate> candidates = jdbc.sql(NEAREST)
                .param("paths", paths)
                .param("primary", Brand.DEFAULT_PRIMARY)
                .param("accent", Brand.DEFAULT_ACCENT)
                .query((rs, n) -> new Candidate(rs.getString("account_path"),
                        new Resolved(BRAND.mapRow(rs, n), rs.getBoolean("own_name"))))
                .list();
        if (candidates.isEmpty()) {
            return new Resolved(Brand.platformDefault(), false);
        }
        if (candidates.get(0).path().equals(paths.get(0))) {
            return candidates.get(0).resolved(); // the provider's: it holds every licence
        }
        int licensed = licences.nearestHolder(vendorPath, Feature.WHITE_LABEL).length();
        return candidates.stream().filter(candidate -> candidate.path().length() <= licensed).findFirst()
                .map(Candidate::resolved)
                .orElseGet(() -> new Resolved(Brand.platformDefault(), false));
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
