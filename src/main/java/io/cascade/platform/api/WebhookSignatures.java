package io.cascade.platform.api;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): {@code v1,<base64 HMAC-SHA256>} of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the bytes of the base64 secret after {@code whsec_}.
 * One signing for every outgoing call: the provisioning {@code http} adapter and its callbacks, and the webhook
 * deliveries of the messages module.
 */
public final class WebhookSignatures {
    public static final String PREFIX = "whsec_";
    public static final int MIN_KEY_BYTES = 24;
    public static final int MAX_KEY_BYTES = 64;
    private static final int NEW_KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignatures() {
    }

    /** The key bytes of a {@code whsec_} secret, or empty when it is not one. */
    public static Optional<byte[]> key(Object secret) {
        if (!(secret instanceof String text) || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
            return key.length >= MIN_KEY_BYTES && key.length <= MAX_KEY_BYTES ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A new random secret: {@code whsec_} and the base64 of 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[NEW_KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static String sign(byte[] key, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * True when one of the space-separated signatures in {@code header} is the {@code v1} signature of the message,
     * compared in constant time.
     */
    public static boolean verify(byte[] key, String id, long timestamp, String body, String header) {
        if (header == null || id == null) {
            return false;
        }
        byte[] expected = sign(key, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String candidate : header.trim().split(" +")) {
            match |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }
}
