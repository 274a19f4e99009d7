package io.cascade.support;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storefronts for tests: enabling a vendor's storefront, and order-form tokens issued a given number of seconds ago
 * (signed with the storefront's secret, read from its row), so that a sign-up needs no 3-second wait.
 */
public final class StorefrontFixtures {
    private StorefrontFixtures() {
    }

    /** Enables the vendor's storefront under this slug with the approval mode, every plan shown. */
    public static void enable(Api vendorStaff, String vendorId, String slug, String approval) {
        enable(vendorStaff, vendorId, slug, approval, "Storefront " + slug);
    }

    /** The same, with the title its pages show. */
    public static void enable(Api vendorStaff, String vendorId, String slug, String approval, String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", true);
        body.put("slug", slug);
        body.put("title", title);
        body.put("approval", approval);
        Api.Response saved = vendorStaff.send("PUT", "/api/v1/accounts/" + vendorId + "/storefront", body,
                "application/json");
        assertThat(saved.status()).as("the storefront: %s", saved).isEqualTo(200);
    }

    /** A valid order-form token of the vendor's storefront, issued {@code secondsAgo} seconds ago. */
    public static String formToken(JdbcClient jdbc, String vendorId, long secondsAgo) {
        byte[] secret = jdbc.sql("SELECT form_secret FROM storefront WHERE account_id = :id")
                .param("id", UUID.fromString(vendorId)).query(byte[].class).single();
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String payload = Instant.now().minusSeconds(secondsAgo).toEpochMilli() + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return payload + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal((vendorId + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sign-up body for the plan with a token issued 5 s ago. */
    public static Map<String, Object> signUp(JdbcClient jdbc, String vendorId, String planId, String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("companyName", "Applicant " + email);
        body.put("country", "DE");
        body.put("contactName", "Ann Applicant");
        body.put("email", email);
        body.put("planId", planId);
        body.put("termsAccepted", true);
        body.put("formToken", formToken(jdbc, vendorId, 5));
        return body;
    }
}
