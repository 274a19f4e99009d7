package io.cascade.platform.api;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where the platform may send outgoing calls (provisioning adapters, webhooks; ADR 0024). A target whose address is
 * loopback, link-local, private, shared (carrier-grade NAT), multicast, reserved or unspecified is refused, unless
 * the provider allow-lists its network in {@code cascade.outbound.allowed-networks} (a comma-separated list of CIDR
 * blocks, e.g. {@code 10.20.0.0/16, fd00::/8}; empty by default). Check twice: when the URL is configured
 * ({@link #problem(String)}, for a clear 422), and at every call on the addresses the connection will use
 * ({@link #resolve(String)}), so that a name re-pointed at an inner address after the check (DNS rebinding) is
 * still refused.
 */
@Component
public class OutboundTargets {
    /** Networks no outgoing call reaches unless allow-listed. IPv4-mapped IPv6 addresses are checked as IPv4. */
    static final List<Network> INNER = List.of(
            Network.parse("0.0.0.0/8"), Network.parse("10.0.0.0/8"), Network.parse("100.64.0.0/10"),
            Network.parse("127.0.0.0/8"), Network.parse("169.254.0.0/16"), Network.parse("172.16.0.0/12"),
            Network.parse("192.0.0.0/24"), Network.parse("192.0.2.0/24"), Network.parse("192.168.0.0/16"),
            Network.parse("198.18.0.0/15"), Network.parse("198.51.100.0/24"), Network.parse("203.0.113.0/24"),
            Network.parse("224.0.0.0/4"), Network.parse("240.0.0.0/4"),
            Network.parse("::/128"), Network.parse("::1/128"), Network.parse("::/96"), Network.parse("64:ff9b::/96"),
            Network.parse("64:ff9b:1::/48"), Network.parse("100::/64"), Network.parse("2001:db8::/32"),
            Network.parse("fc00::/7"), Network.parse("fe80::/10"), Network.parse("fec0::/10"),
            Network.parse("ff00::/8"));

    private final List<Network> allowed;

    public OutboundTargets(@Value("${cascade.outbound.allowed-networks:}") String allowedNetworks) {
        List<Network> networks = new ArrayList<>();
        for (String network : allowedNetworks.split(",")) {
            if (!network.isBlank()) {
                networks.add(Network.parse(network.strip()));
            }
        }
        this.allowed = List.copyOf(networks);
    }

    /** A block of addresses in CIDR notation: {@code 10.0.0.0/8}, {@code fe80::/10}, or one address. */
    public record Network(byte[] prefix, int bits) {
        public Network {
            prefix = prefix.clone();
        }

        /** Parses {@code address/bits} (or a bare address); only IP literals, never a name to resolve. */
        public static Network parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            byte[] address = literal(parts[0]).map(InetAddress::getAddress)
                    .orElseThrow(() -> new IllegalArgumentException("not an IP network: " + cidr));
            int bits;
            try {
                bits = parts.length == 1 ? address.length * 8 : Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IP network: " + cidr);
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("not an IP network: " + cidr);
            }
            return new Network(address, bits);
        }

        public boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            int shift = prefix.length * 8 - bits;
            return bits == 0 || new BigInteger(1, bytes).shiftRight(shift)
                    .equals(new BigInteger(1, prefix).shiftRight(shift));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Network n && n.bits == bits && Arrays.equals(n.prefix, prefix);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(prefix) + bits;
        }

        @Override
        public String toString() {
            return literal(prefix) + "/" + bits;
        }
    }

    /** Thrown when a target's address is one that outgoing calls may not reach. */
    public static class RefusedTarget extends UnknownHostException {
        public RefusedTarget(String message) {
            super(message);
        }
    }

    /** True when an outgoing call may reach this address: it is public, or lies in an allow-listed network. */
    public boolean allows(InetAddress address) {
        return allowed.stream().anyMatch(n -> n.contains(address)) || INNER.stream().noneMatch(n -> n.contains(address));
    }

    /**
     * The problem of an outgoing URL, checked when it is configured: not an absolute http(s) URL, or a host (an
     * address, or a name as it resolves now) that is not allowed. A name that does not resolve now passes here;
     * every call checks again.
     */
    public Optional<String> problem(String url) {
        String host;
        try {
            URI uri = new URI(url);
            host = uri.getHost();
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || host == null) {
                return Optional.of("must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http or https URL");
        }
        try {
            resolve(host);
            return Optional.empty();
        } catch (RefusedTarget e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * The addresses of a host that a call may connect to: all of them must be allowed, else {@link RefusedTarget}
     * names the first that is not. Give the connection exactly these addresses (never resolve the name again), so
     * that what was checked is what is reached.
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(bare);
        for (InetAddress address : addresses) {
            if (!allows(address)) {
                throw new RefusedTarget("points at " + literal(address.getAddress()) + ", a loopback, link-local, "
                        + "private or reserved address that outgoing calls may not reach (the provider may allow "
                        + "its network with cascade.outbound.allowed-networks)");
            }
        }
        return addresses;
    }

    /**
     * An HTTP client whose connections reach only what {@link #resolve} allows (its DNS resolver is that check), with
     * the given connect, socket, response and pool timeouts, pooled keep-alive connections ({@code perRoute} to one
     * host, four times that in all, renewed after 5 minutes, idle ones closed after 30 s), and no redirects, automatic
     * retries or cookies: the caller decides what a failure means. The caller closes it.
     */
    public CloseableHttpClient httpClient(Duration timeout, int perRoute) {
        Timeout limit = Timeout.of(timeout);
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return OutboundTargets.this.resolve(host); // the connection uses exactly the addresses checked here
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checked)
                        .setMaxConnPerRoute(perRoute).setMaxConnTotal(perRoute * 4)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit)
                                .setSocketTimeout(limit).setTimeToLive(TimeValue.ofMinutes(5)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit)
                        .setConnectionRequestTimeout(limit).setRedirectsEnabled(false).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    /** An IP literal as an address, without any name lookup; empty for anything else. */
    private static Optional<InetAddress> literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String literal(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return "?";
        }
    }
}
