package io.cascade.brands.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

/**
 * Looks up the host's TXT record through the JDK's own DNS provider (JNDI, {@code com.sun.jndi.dns.DnsContextFactory};
 * ADR 0035), asking the system's resolvers unless {@code cascade.panel-hosts.dns-servers} names others (e.g.
 * {@code 9.9.9.9 1.1.1.1}), with a short timeout ({@code cascade.panel-hosts.dns-timeout}, default 2 s, one retry).
 * A record name that does not exist, or any DNS failure, is "not verified", never an error of the request.
 */
@Component
class DnsHostVerifier implements HostVerifier {
    private final String servers;
    private final Duration timeout;

    DnsHostVerifier(@Value("${cascade.panel-hosts.dns-servers:}") String servers,
                    @Value("${cascade.panel-hosts.dns-timeout:PT2S}") Duration timeout) {
        this.servers = servers.strip();
        this.timeout = timeout;
    }

    @Override
    public Outcome verify(String host, String token) {
        List<String> values;
        try {
            values = lookUp(HostVerifier.recordName(host));
        } catch (NameNotFoundException e) {
            return new Outcome(false, "no TXT record " + HostVerifier.recordName(host));
        } catch (NamingException e) {
            return new Outcome(false, "the DNS look-up failed (" + e.getClass().getSimpleName() + ")");
        }
        return outcome(values, token);
    }

    /** Whether one of the records (as JNDI gives them) holds exactly the token. */
    static Outcome outcome(List<String> rawValues, String token) {
        List<String> texts = rawValues.stream().map(DnsHostVerifier::text).toList();
        if (texts.contains(token)) {
            return new Outcome(true, token);
        }
        return new Outcome(false, texts.isEmpty() ? "no TXT record"
                : "TXT " + String.join(", ", texts.stream().map(t -> '"' + abbreviate(t) + '"').toList()));
    }

    /**
     * The text of one TXT record as JNDI renders it: its character-strings separated by blanks, a string quoted when
     * it holds a blank or is empty (and a backslash escaping a quote or backslash). A record's strings are joined
     * without separator, as a record split into 255-byte strings is meant to be read.
     */
    static String text(String rendered) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        int n = rendered.length();
        while (i < n) {
            char c = rendered.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '"') {
                i++;
                while (i < n && rendered.charAt(i) != '"') {
                    if (rendered.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    text.append(rendered.charAt(i++));
                }
                i++; // the closing quote
            } else {
                while (i < n && rendered.charAt(i) != ' ') {
                    text.append(rendered.charAt(i++));
                }
            }
        }
        return text.toString();
    }

    private List<String> lookUp(String name) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(DirContext.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put(DirContext.PROVIDER_URL, servers.isEmpty() ? "dns:" : String.join(" ",
                java.util.Arrays.stream(servers.split("[\\s,]+")).map(s -> "dns://" + s).toList()));
        env.put("com.sun.jndi.dns.timeout.initial", String.valueOf(Math.max(1, timeout.toMillis())));
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        DirContext context = new InitialDirContext(env);
        try {
            Attributes attributes = context.getAttributes(name, new String[] {"TXT"});
            Attribute txt = attributes.get("TXT");
            List<String> values = new ArrayList<>();
            if (txt != null) {
                NamingEnumeration<?> all = txt.getAll();
                while (all.hasMore()) {
                    values.add(String.valueOf(all.next()));
                }
            }
            return values;
        } finally {
            context.close();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
