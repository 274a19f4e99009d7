package io.cascade.brands.internal;

/**
 * Verifies that whoever attached a panel host controls its DNS: the TXT record {@link #recordName} of the host holds
 * the host's verification token. The application uses {@link DnsHostVerifier}; the tests put in their own (a bean
 * they program), so that verification never depends on the network there.
 */
interface HostVerifier {
    /** The prefix of the TXT record's name: {@code _cascade-challenge.<host>}. */
    String RECORD_PREFIX = "_cascade-challenge.";

    /** What the look-up found: whether the token was there, and what was there instead (for the answer's detail). */
    record Outcome(boolean verified, String found) {
    }

    Outcome verify(String host, String token);

    static String recordName(String host) {
        return RECORD_PREFIX + host;
    }
}
