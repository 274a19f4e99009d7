package io.cascade.platform;

import io.cascade.support.AccountFixtures;
import io.cascade.support.Api;
import io.cascade.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Stop and start again on the same data directory: everything is still there, and no second provider appears. */
class RestartIT {
    private static final String EMAIL = "admin@restart.test";
    private static final String PASSWORD = "Restart-Secret-77";

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestart() {
        Nodes nodes = new Nodes(dataDir, EMAIL, PASSWORD, "cascade.db.embedded.shared-buffers=256MB");
        String resellerId;
        String providerId;
        try (ConfigurableApplicationContext first = nodes.start()) {
            Api provider = nodes.signedIn(first);
            providerId = provider.get("/api/v1/me").json().path("account").path("id").asString();
            resellerId = AccountFixtures.reseller("Survivor").create(provider).id();
            assertThat(provider.post("/api/v1/accounts/" + resellerId + "/suspend", null).status()).isEqualTo(200);
        }
        assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).isTrue();

        try (ConfigurableApplicationContext second = nodes.start()) {
            Api provider = nodes.signedIn(second);
            assertThat(provider.get("/api/v1/me").json().path("account").path("id").asString()).isEqualTo(providerId);
            assertThat(second.getBean(JdbcClient.class).sql("SHOW shared_buffers").query(String.class).single())
                    .as("cascade.db.embedded.shared-buffers reaches the server").isEqualTo("256MB");
            Api.Response reseller = provider.get("/api/v1/accounts/" + resellerId);
            assertThat(reseller.status()).isEqualTo(200);
            assertThat(reseller.text("companyName")).isEqualTo("Survivor");
            assertThat(reseller.text("status")).isEqualTo("SUSPENDED");
            assertThat(provider.get("/api/v1/accounts/" + resellerId + "/audit-events").json().path("items").size())
                    .isGreaterThanOrEqualTo(2);
        }
    }
}
