package io.cascade.platform;

import io.cascade.platform.api.OutboundTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which addresses outgoing calls may reach (ADR 0024), with and without an allow-list. */
class OutboundTargetsTest {
    private final OutboundTargets none = new OutboundTargets("");
    private final OutboundTargets loopbackAndLab = new OutboundTargets("127.0.0.0/8, ::1/128, 10.20.0.0/16");

    @ParameterizedTest(name = "{0} reachable: {1}")
    @CsvSource({
            "127.0.0.1, false", "127.1.2.3, false", "::1, false", "0.0.0.0, false", "::, false",
            "10.0.0.1, false", "172.16.0.1, false", "172.31.255.255, false", "192.168.1.1, false",
            "169.254.169.254, false", "fe80::1, false", "fd00::1, false", "100.64.0.1, false",
            "224.0.0.1, false", "255.255.255.255, false", "::ffff:127.0.0.1, false", "64:ff9b::a00:1, false",
            "172.32.0.1, true", "8.8.8.8, true", "93.184.216.34, true", "2606:4700::1111, true", "11.0.0.1, true"
    })
    void innerAddressesAreRefusedByDefault(String address, boolean reachable) throws Exception {
        assertThat(none.allows(InetAddress.getByName(address))).isEqualTo(reachable);
    }

    @ParameterizedTest(name = "{0} reachable: {1}")
    @CsvSource({
            "127.0.0.1, true", "::1, true", "10.20.5.6, true", "10.21.0.1, false", "169.254.169.254, false",
            "8.8.8.8, true"
    })
    void anAllowListOpensExactlyItsNetworks(String address, boolean reachable) throws Exception {
        assertThat(loopbackAndLab.allows(InetAddress.getByName(address))).isEqualTo(reachable);
    }

    @Test
    void aUrlIsCheckedOnItsAddressOrOnWhatItsNameResolvesTo() throws Exception {
        assertThat(none.problem("http://169.254.169.254/latest/meta-data")).get().asString()
                .contains("169.254.169.254");
        assertThat(none.problem("http://[::1]:8080/")).isPresent();
        assertThat(none.problem("http://localhost:5432/")).as("a name that resolves to loopback").isPresent();
        assertThat(none.problem("ftp://example.test/")).contains("must be an absolute http or https URL");
        assertThat(none.problem("http://8.8.8.8/hook")).isEmpty();
        assertThat(none.problem("https://no-such-host.invalid/hook")).as("checked again at the call").isEmpty();
        assertThat(loopbackAndLab.problem("http://localhost:5432/")).isEmpty();

        assertThatThrownBy(() -> none.resolve("localhost")).isInstanceOf(OutboundTargets.RefusedTarget.class)
                .hasMessageContaining("127.0.0.1");
        assertThat(loopbackAndLab.resolve("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void aMalformedAllowListStopsTheStart() {
        assertThatThrownBy(() -> new OutboundTargets("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboundTargets("intranet.example")).isInstanceOf(IllegalArgumentException.class);
    }
}
