package io.cascade.payments.internal;

import com.standardwebhooks.Webhook;
import io.cascade.payments.api.GatewayCallback;
import io.cascade.payments.api.GatewayConfiguration;
import io.cascade.payments.api.GatewayConfirmation;
import io.cascade.payments.api.GatewayException;
import io.cascade.payments.api.GatewaySignatureException;
import io.cascade.payments.api.OnlinePaymentStatus;
import io.cascade.platform.api.OutboundTargets;
import io.cascade.shared.FieldProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code http} gateway's rules without Spring or a network: its settings' checks, and the confirmations it takes
 * — signed with the Standard Webhooks reference library, never with Cascade's code — and refuses.
 */
class HttpGatewayTest {
    private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String BODY = """
            {"type": "checkout.completed", "data": {"id": "pay_1", "reference": "r", "status": "PAID",
             "amount": {"amount": "25.00", "currency": "EUR"}}}""";

    private final HttpGateway gateway = new HttpGateway(new OutboundTargets(""), JsonMapper.builder().build(),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(1));
    private final GatewayConfiguration configuration = new GatewayConfiguration(UUID.randomUUID(), "http",
            "https://pay.example.com", "sk_1", SECRET);

    private GatewayConfirmation confirm(String id, long timestamp, String body, String secret) throws Exception {
        String signature = new Webhook(secret).sign(id, timestamp, body);
        return gateway.confirm(configuration, new GatewayCallback(Map.of("Webhook-Id", id,
                "Webhook-Timestamp", Long.toString(timestamp), "Webhook-Signature", signature), body));
    }

    @Test
    void aSignedConfirmationIsRead() throws Exception {
        GatewayConfirmation confirmation = confirm("msg_1", NOW.getEpochSecond(), BODY, SECRET);
        assertThat(confirmation.messageId()).isEqualTo("msg_1");
        assertThat(confirmation.paymentId()).isEqualTo("pay_1");
        assertThat(confirmation.status()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(confirmation.amount().amount()).isEqualByComparingTo("25.00");
        assertThat(confirmation.amount().currency().getCurrencyCode()).isEqualTo("EUR");
    }

    @ParameterizedTest(name = "{0} s off: taken {1}")
    @CsvSource({"0, true", "-300, true", "300, true", "-301, false", "301, false", "-3600, false"})
    void theTimestampMustBeWithinFiveMinutes(long offset, boolean taken) {
        long timestamp = NOW.getEpochSecond() + offset;
        if (taken) {
            org.assertj.core.api.Assertions.assertThatCode(() -> confirm("msg_t", timestamp, BODY, SECRET))
                    .doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> confirm("msg_t", timestamp, BODY, SECRET))
                    .isInstanceOf(GatewaySignatureException.class);
        }
    }

    @Test
    void anotherSecretAChangedBodyOrMissingHeadersAreNotAuthentic() throws Exception {
        String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
        assertThatThrownBy(() -> confirm("msg_1", NOW.getEpochSecond(), BODY, other))
                .isInstanceOf(GatewaySignatureException.class);
        String signature = new Webhook(SECRET).sign("msg_1", NOW.getEpochSecond(), BODY);
        assertThatThrownBy(() -> gateway.confirm(configuration, new GatewayCallback(Map.of("webhook-id", "msg_1",
                "webhook-timestamp", Long.toString(NOW.getEpochSecond()), "webhook-signature", signature),
                BODY.replace("25.00", "2500.00")))).isInstanceOf(GatewaySignatureException.class);
        assertThatThrownBy(() -> gateway.confirm(configuration, new GatewayCallback(Map.of(), BODY)))
                .isInstanceOf(GatewaySignatureException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json",
            "{\"type\": \"checkout.completed\"}",
            "{\"data\": {\"status\": \"PAID\", \"amount\": {\"amount\": \"1.00\", \"currency\": \"EUR\"}}}",
            "{\"data\": {\"id\": \"pay_1\", \"status\": \"PENDING\", \"amount\": {\"amount\": \"1.00\", \"currency\": \"EUR\"}}}",
            "{\"data\": {\"id\": \"pay_1\", \"status\": \"PAID\", \"amount\": {\"amount\": \"ten\", \"currency\": \"EUR\"}}}",
            "{\"data\": {\"id\": \"pay_1\", \"status\": \"PAID\", \"amount\": {\"amount\": \"1.00\", \"currency\": \"XYZ1\"}}}"})
    void anAuthenticConfirmationThatCannotBeReadIsNotTaken(String body) {
        assertThatThrownBy(() -> confirm("msg_bad", NOW.getEpochSecond(), body, SECRET))
                .isInstanceOf(GatewayException.class);
    }

    @Test
    void settingsAreCheckedFieldByField() {
        assertThat(gateway.check(configuration)).isEmpty();
        assertThat(gateway.check(new GatewayConfiguration(null, "http", null, null, null)))
                .extracting(FieldProblem::field).containsExactly("baseUrl", "apiKey", "signingSecret");
        assertThat(gateway.check(new GatewayConfiguration(null, "http", "http://127.0.0.1:8080", "sk 1",
                "whsec_short"))).extracting(FieldProblem::field).containsExactly("baseUrl", "apiKey", "signingSecret");
        assertThat(gateway.check(new GatewayConfiguration(null, "http", "ftp://pay.example.com", "sk_1", SECRET)))
                .extracting(FieldProblem::field).containsExactly("baseUrl");
        assertThat(gateway.check(new GatewayConfiguration(null, "http", "https://pay.example.com/?a=b", "sk_1",
                SECRET))).extracting(FieldProblem::field).containsExactly("baseUrl");
    }
}
