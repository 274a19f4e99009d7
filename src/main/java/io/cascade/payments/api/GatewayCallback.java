package io.cascade.payments.api;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A confirmation as it arrived: its headers (names in lower case) and its raw body, exactly as sent. */
public record GatewayCallback(Map<String, String> headers, String body) {

    public GatewayCallback {
        Map<String, String> lower = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        }
        headers = Map.copyOf(lower);
        body = body == null ? "" : body;
    }

    /** A header's value, by its name in any case; null when it was not sent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
