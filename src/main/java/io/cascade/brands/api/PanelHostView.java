package io.cascade.brands.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A panel host name of a vendor, as the API and the panel show it.
 *
 * @param host         the name, lower case, IDN already in its ASCII (punycode) form
 * @param accountId    the vendor it belongs to
 * @param state        {@code UNVERIFIED} until verified; only a verified host names its vendor to a request
 * @param verification the DNS TXT record that verifies the host
 * @param method       how it was verified ({@code DNS} or {@code MANUAL}); null while unverified
 * @param verifiedAt   when it was verified; null while unverified
 * @param createdAt    when it was attached
 */
public record PanelHostView(String host, UUID accountId, State state, TxtRecord verification, Method method,
                            Instant verifiedAt, Instant createdAt) {

    public enum State { UNVERIFIED, VERIFIED }

    public enum Method { DNS, MANUAL }

    /** The record to publish: {@code name} (type TXT) holding {@code value}. */
    public record TxtRecord(String name, String type, String value) {
    }
}
