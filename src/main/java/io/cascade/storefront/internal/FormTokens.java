package io.cascade.storefront.internal;

import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The order form's token against scripted sign-ups (ADR 0034): {@code <issuedAtMillis>.<nonce>.<mac>}, the MAC an
 * HMAC-SHA256 of vendor, issue time and nonce under the storefront's own secret (kept in its row). A sign-up is taken
 * only with a token of its vendor that is at least {@code cascade.storefront.form-min-age} (3 s: a person reads and
 * types) and at most {@code form-max-age} (1 h) old, and only once: its nonce is recorded in the sign-up's
 * transaction, so that a refused sign-up may be corrected and sent again, and an accepted one never twice.
 */
@Component
public class FormTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration minAge;
    private final Duration maxAge;

    FormTokens(JdbcClient jdbc, Clock clock,
               @Value("${cascade.storefront.form-min-age:PT3S}") Duration minAge,
               @Value("${cascade.storefront.form-max-age:PT1H}") Duration maxAge) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.minAge = minAge;
        this.maxAge = maxAge;
    }

    /** A fresh token for a form of this vendor's storefront. */
    public String issue(UUID vendorId, byte[] secret) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String payload = clock.millis() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        return payload + "." + mac(secret, vendorId, payload);
    }

    /** Checks the token and uses it up (in the caller's transaction); refuses a forged, early, late or used one. */
    public void redeem(String token, UUID vendorId, byte[] secret) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3 || !parts[0].matches("[0-9]{1,15}") || !parts[1].matches("[A-Za-z0-9_-]{22}")) {
            throw refused("The form is not valid; reload the page and send it again.");
        }
        String payload = parts[0] + "." + parts[1];
        if (!MessageDigest.isEqual(mac(secret, vendorId, payload).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            throw refused("The form is not valid; reload the page and send it again.");
        }
        Instant issued = Instant.ofEpochMilli(Long.parseLong(parts[0]));
        Instant now = clock.instant();
        if (now.isBefore(issued.plus(minAge))) {
            throw refused("The form was sent too quickly after it was opened; wait a moment and send it again.");
        }
        if (!now.isBefore(issued.plus(maxAge))) {
            throw refused("The form has expired; reload the page and send it again.");
        }
        jdbc.sql("DELETE FROM storefront_form_nonce WHERE expires_at < :now").param("now", Timestamp.from(now))
                .update();
        int inserted = jdbc.sql("""
                        INSERT INTO storefront_form_nonce (nonce, expires_at) VALUES (:nonce, :expires)
                        ON CONFLICT DO NOTHING""")
                .param("nonce", parts[1]).param("expires", Timestamp.from(issued.plus(maxAge))).update();
        if (inserted == 0) {
            throw refused("This form was sent already; reload the page to sign up again.");
        }
    }

    private static RuleViolationException refused(String detail) {
        return RuleViolationException.unprocessable(Problem.FORM_TOKEN_REJECTED, detail);
    }

    static String mac(byte[] secret, UUID vendorId, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((vendorId + "." + payload).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
