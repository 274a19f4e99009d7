package io.cascade.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque list cursors: the sort key of the last row returned, base64url-encoded with a kind prefix so a cursor of one
 * list is refused by another.
 */
public final class Cursors {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Cursors() {
    }

    public static String encode(String kind, String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key inside a cursor of this kind, or null for no cursor; a foreign or broken cursor is a 400-class error. */
    public static String decode(String kind, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(kind + ":")) {
                return text.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new InvalidInputException("cursor", "is not a cursor of this list");
    }

    /** The page size to use: default 50, 1..500 allowed. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
