package io.cascade.support;

import io.cascade.CascadeApplication;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of every *IT: the whole application on a random port with its own throw-away embedded PostgreSQL (one per
 * test JVM; all ITs share the context). Tests talk to it over HTTP only.
 */
@SpringBootTest(classes = CascadeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "cascade.db.embedded.ephemeral=true",
                "cascade.db.embedded.synchronous-commit=false",
                "cascade.admin.email=" + IntegrationTest.ADMIN_EMAIL,
                "cascade.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
                "server.forward-headers-strategy=framework",
                // bcrypt at its lowest work factor: the tests sign in and set passwords thousands of times
                "cascade.identity.password-hash-cost=4",
                // provisioning retries fast in tests: 0.3 s doubling up to 2 s, 3 attempts, 2 s HTTP timeout
                "cascade.provisioning.backoff=PT0.3S",
                "cascade.provisioning.backoff-max=PT2S",
                "cascade.provisioning.max-attempts=3",
                "cascade.provisioning.http-timeout=PT2S",
                "cascade.provisioning.poll-interval=PT0.5S",
                // the test HTTP servers that stand in for remote systems listen on loopback: allow it (ADR 0024)
                "cascade.outbound.allowed-networks=127.0.0.0/8,::1/128",
                // a node whose jobs have had no heartbeat for 3 s is dead (tests simulate dead nodes)
                "cascade.jobs.dead-after=PT3S",
                // service nodes are probed by calling the job's method (NodesIT), not by the scheduler's tick
                "cascade.nodes.probe-tick=PT1H"
        })
public abstract class IntegrationTest {
    public static final String ADMIN_EMAIL = "admin@cascade.test";
    public static final String ADMIN_PASSWORD = "Provider-Root-Pass-1";
    public static final String PASSWORD = "Tree-Password-42";

    @Autowired
    private Environment environment;

    /** Outgoing mail goes to the test JVM's SMTP server ({@link TestMail}), and leaves at once. */
    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("cascade.mail.host", () -> "127.0.0.1");
        registry.add("cascade.mail.port", TestMail::port);
        registry.add("cascade.mail.from", () -> "noreply@cascade.test");
        registry.add("cascade.messages.backoff", () -> "PT0.5S");
        registry.add("cascade.messages.backoff-max", () -> "PT2S");
        registry.add("cascade.messages.max-attempts", () -> "3");
        registry.add("cascade.messages.idle-poll", () -> "PT0.2S");
    }

    protected Api anonymous;
    protected Api provider;

    static {
        // Awaitility looks first at once (its default waits one poll interval), then every 100 ms unless told otherwise
        Awaitility.setDefaultPollDelay(Duration.ZERO);
    }

    /** The provider administrator's token per test class and server: one sign-in per class, not per method. */
    private static final Map<String, String> PROVIDER_TOKENS = new ConcurrentHashMap<>();

    /**
     * After every test, whatever it touched, payments, allocations and balances reconcile for every issuer-buyer pair
     * (issue 17: "checked after every test that touches money"; one statement, and the statements of changed pairs).
     */
    @org.junit.jupiter.api.AfterEach
    void moneyReconciles(org.springframework.context.ApplicationContext context) {
        Reconciliation.check(context);
    }

    @BeforeEach
    void connect() {
        int port = Integer.parseInt(environment.getRequiredProperty("local.server.port"));
        anonymous = new Api(port, null).withHeader("X-Forwarded-For", randomAddress());
        provider = anonymous.withToken(PROVIDER_TOKENS.computeIfAbsent(getClass().getName() + "@" + port,
                key -> signIn(ADMIN_EMAIL, ADMIN_PASSWORD)));
    }

    /** A fresh client address per test, so that login throttling in one test never touches another. */
    protected static String randomAddress() {
        UUID u = UUID.randomUUID();
        return "10." + (u.getMostSignificantBits() & 0xff) + "." + ((u.getMostSignificantBits() >> 8) & 0xff) + "."
                + ((u.getMostSignificantBits() >> 16) & 0xff);
    }

    protected String signIn(String email, String password) {
        Api.Response response = anonymous.post("/api/v1/auth/tokens", Map.of("email", email, "password", password));
        assertThat(response.status()).as("sign in %s: %s", email, response).isEqualTo(201);
        return response.text("token");
    }

    protected Api as(String email, String password) {
        return anonymous.withToken(signIn(email, password));
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The provider's own account id. */
    protected String providerId() {
        return provider.get("/api/v1/me").json().path("account").path("id").asString();
    }
}
