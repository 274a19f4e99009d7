package io.cascade.brands.internal;

import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DNS of the tests (test classpath only, so the application never loads it): the panel hosts' verifier in every
 * IT, in place of {@link DnsHostVerifier}. Tests publish TXT records with {@link #publish}; a name without one has
 * none. The record's values are read the way the DNS verifier reads JNDI's rendering of them.
 */
@Component
@Primary
public class TestDns implements HostVerifier {
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();

    /** Publishes TXT records (as JNDI renders them, e.g. {@code "cascade-verify=abc"}) under a record name. */
    public void publish(String recordName, String... values) {
        txt.put(recordName, List.of(values));
    }

    @Override
    public Outcome verify(String host, String token) {
        List<String> values = txt.get(HostVerifier.recordName(host));
        return values == null ? new Outcome(false, "no TXT record " + HostVerifier.recordName(host))
                : DnsHostVerifier.outcome(values, token);
    }
}
