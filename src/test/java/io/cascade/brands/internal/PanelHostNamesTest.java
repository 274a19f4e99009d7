package io.cascade.brands.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Host-name validation and the DNS verifier's reading of TXT records (ADR 0035). */
class PanelHostNamesTest {
    private static final List<String> RESERVED = List.of("localhost", "cascade.example.com");

    @ParameterizedTest
    @CsvSource({
            "panel.northwind.example, panel.northwind.example",
            "Panel.Northwind.Example., panel.northwind.example",
            "'  shop.example  ', shop.example",
            "bücher.example, xn--bcher-kva.example",
            "a-1.b2.example, a-1.b2.example",
            "cascade.example.com.evil.example, cascade.example.com.evil.example"
    })
    void validNamesAreStoredLowerCaseInTheirAsciiForm(String raw, String stored) {
        assertThat(HostNames.check(raw, RESERVED)).isEqualTo(new HostNames.Valid(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "panel", "localhost", "cascade.example.com", "eu.cascade.example.com",
            "10.0.0.1", "[::1]", "fe80::1", "panel.example:8443", "http://panel.example", "panel.example/x",
            "user@panel.example", "-a.example", "a-.example", "a_b.example", "a..example", ".example",
            "panel.example..", "a.123"})
    void everythingElseIsRefused(String raw) {
        assertThat(HostNames.check(raw, RESERVED)).isInstanceOf(HostNames.Invalid.class);
    }

    @Test
    void aLabelHasAtMost63CharactersAndANameAtMost253() {
        assertThat(HostNames.check("a".repeat(63) + ".example", RESERVED)).isInstanceOf(HostNames.Valid.class);
        assertThat(HostNames.check("a".repeat(64) + ".example", RESERVED)).isInstanceOf(HostNames.Invalid.class);
        String name = ("a".repeat(60) + ".").repeat(4) + "example"; // 251
        assertThat(HostNames.check(name, RESERVED)).isInstanceOf(HostNames.Valid.class);
        assertThat(HostNames.check("abc" + name, RESERVED)).isInstanceOf(HostNames.Invalid.class);
    }

    @Test
    void theMessagesSayWhatIsWrong() {
        assertThat(((HostNames.Invalid) HostNames.check("panel.example:80", RESERVED)).message()).contains("port");
        assertThat(((HostNames.Invalid) HostNames.check("192.168.0.1", RESERVED)).message()).contains("IP");
        assertThat(((HostNames.Invalid) HostNames.check("x.localhost", RESERVED)).message()).contains("platform");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cascade-verify=abc | cascade-verify=abc",
            "\"cascade-verify=abc\" | cascade-verify=abc",
            "\"cascade-verify=\" \"abc\" | cascade-verify=abc",
            "\"with blank\" | with blank",
            "\"a\\\"b\" | a\"b",
            "\"\" | ''"
    })
    void aTxtRecordAsJndiRendersItIsReadAsOneText(String rendered, String text) {
        assertThat(DnsHostVerifier.text(rendered)).isEqualTo(text);
    }

    @Test
    void oneOfTheRecordsMustHoldExactlyTheToken() {
        assertThat(DnsHostVerifier.outcome(List.of("v=spf1 -all", "cascade-verify=abc"), "cascade-verify=abc")
                .verified()).isTrue();
        assertThat(DnsHostVerifier.outcome(List.of("\"cascade-verify=\" \"abc\""), "cascade-verify=abc")
                .verified()).isTrue();
        HostVerifier.Outcome wrong = DnsHostVerifier.outcome(List.of("cascade-verify=abcd"), "cascade-verify=abc");
        assertThat(wrong.verified()).isFalse();
        assertThat(wrong.found()).contains("cascade-verify=abcd");
        assertThat(DnsHostVerifier.outcome(List.of(), "cascade-verify=abc").found()).isEqualTo("no TXT record");
    }

    @Test
    void aMissingRecordIsNotVerifiedAndNotAnError() {
        // the JDK's DNS provider against a server that does not answer: a failure, reported as "not verified"
        DnsHostVerifier verifier = new DnsHostVerifier("127.0.0.1:9", java.time.Duration.ofMillis(200));
        HostVerifier.Outcome outcome = verifier.verify("panel.northwind.example", "cascade-verify=abc");
        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.found()).isNotBlank();
    }
}
