package io.cascade.demo;

import io.cascade.support.Api;
import io.cascade.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code CASCADE_DEMO=true} on a first start fills the tree through the application services (issue 6): resellers at
 * two levels of both models, customers of every kind, plans in every state, subscriptions and months of usage, and
 * demo users that can sign in, SIM cards active on an iot subscription, service users with mailboxes, a few months of
 * invoices; a restart with the setting still on (its start-up step run again) adds nothing.
 */
class DemoDataIT {
    private static final String EMAIL = "admin@demo.test";
    private static final String PASSWORD = "Demo-Provider-Pass-1";
    private static final String DEMO_PASSWORD = "Cascade-Demo-2026";

    @TempDir
    Path dataDir;

    @Test
    void aFirstStartWithTheDemoSettingShowsALivingSystem() throws Exception {
        Nodes nodes = new Nodes(dataDir, EMAIL, PASSWORD,
                "cascade.db.embedded.synchronous-commit=false", "cascade.demo=true");
        long accounts;
        try (ConfigurableApplicationContext first = nodes.start()) {
            Api provider = nodes.signedIn(first);
            String providerId = provider.get("/api/v1/me").json().path("account").path("id").asString();
            List<JsonNode> tree = all(provider, "/api/v1/accounts?limit=100&under=" + providerId);
            accounts = tree.size();
            assertThat(tree).hasSizeGreaterThanOrEqualTo(15);
            assertThat(tree.stream().filter(a -> a.path("type").asString().equals("RESELLER"))
                    .map(a -> a.path("resellerProfile").path("model").asString() + "@" + a.path("level").asInt())
                    .distinct()).as("resellers at two levels of both models")
                    .contains("PREPAID@1", "PREPAID@2", "COMMISSION@1", "COMMISSION@2");
            assertThat(tree.stream().filter(a -> a.path("type").asString().equals("CUSTOMER"))
                    .map(a -> a.path("status").asString() + "/" + a.path("billable").asBoolean()).distinct())
                    .as("customers of every kind").contains("ACTIVE/true", "ACTIVE/false", "PENDING/true",
                            "SUSPENDED/false");

            JsonNode plans = provider.get("/api/v1/accounts/" + providerId + "/plans?limit=100").json().path("items");
            List<String> statuses = new ArrayList<>();
            plans.forEach(p -> statuses.add(p.path("status").asString()));
            assertThat(statuses).contains("DRAFT", "PUBLISHED", "RETIRED");

            Api northwind = Nodes.signedIn(first, "admin@northwind.demo", DEMO_PASSWORD);
            String northwindId = northwind.get("/api/v1/me").json().path("account").path("id").asString();
            JsonNode holdings = northwind.get("/api/v1/accounts/" + northwindId + "/subscriptions?purpose=RESALE")
                    .json().path("items");
            assertThat(holdings.size()).isEqualTo(2);
            JsonNode own = northwind.get("/api/v1/accounts/" + northwindId + "/subscriptions?purpose=OWN_USE")
                    .json().path("items");
            assertThat(own.size()).as("what it consumes itself: My Provider").isEqualTo(1);

            Api customer = Nodes.signedIn(first, "admin@acme.demo", DEMO_PASSWORD);
            String acmeId = customer.get("/api/v1/me").json().path("account").path("id").asString();
            assertThat(customer.get("/api/v1/accounts/" + acmeId + "/subscriptions").json().path("items").size())
                    .isEqualTo(2);
            JsonNode usage = customer.get("/api/v1/accounts/" + acmeId + "/usage?from="
                    + java.time.LocalDate.now().minusDays(60) + "&to=" + java.time.LocalDate.now().plusDays(1))
                    .json().path("totals");
            assertThat(usage.size()).as("months of usage").isGreaterThanOrEqualTo(2);
            assertThat(usage.get(0).path("records").asLong()).isGreaterThanOrEqualTo(55);
            assertThat(Nodes.signedIn(first, "it@acme.demo", DEMO_PASSWORD).get("/api/v1/me").status()).isEqualTo(200);
            assertThat(customer.get("/api/v1/accounts/" + acmeId + "/assets").json().path("items").size())
                    .as("SIMs assigned to Acme").isEqualTo(6);
            assertThat(northwind.get("/api/v1/accounts/" + northwindId + "/assets?limit=100").json().path("items")
                    .size()).as("SIMs handed down to Northwind").isEqualTo(15);
            assertThat(customer.get("/api/v1/accounts/" + acmeId + "/assets").json().path("items").valueStream()
                    .map(sim -> sim.path("state").asString())).as("connected to Acme's iot subscription")
                    .containsOnly("ACTIVE");
            JsonNode mobile = customer.get("/api/v1/accounts/" + acmeId + "/subscriptions").json().path("items")
                    .valueStream().flatMap(sub -> sub.path("resources").valueStream())
                    .filter(r -> r.path("resourceType").asString().equals("sim")).findFirst().orElseThrow();
            assertThat(mobile.path("quantity").asInt()).as("each active SIM counts once").isEqualTo(6);

            // service users with mailboxes on Acme's mail subscription, created once it is provisioned
            long mailDeadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            JsonNode mailboxes = await("Acme's three service users").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> customer.get("/api/v1/accounts/" + acmeId + "/service-users").json().path("items"),
                            items -> items.size() >= 3);
            assertThat(mailboxes.valueStream().map(u -> u.path("email").asString()))
                    .containsExactly("anna@acme.demo", "ben@acme.demo", "info@acme.demo");
            Api anna = Nodes.signedIn(first, "anna@acme.demo", DEMO_PASSWORD);
            JsonNode services = await("anna's mailbox provisioned by the mail adapter")
                    .atMost(Duration.ofNanos(Math.max(1, mailDeadline - System.nanoTime())))
                    .pollInterval(Duration.ofMillis(500)).until(() -> anna.get("/api/v1/me").json().path("services"),
                            s -> "ACTIVE".equals(s.path(0).path("state").asString()));
            assertThat(services.path(0).path("address").asString()).isEqualTo("anna@acme.demo");

            // a few months of invoices, billed in the background by three runs
            await("Acme's invoices of three billing runs").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> customer.get("/api/v1/accounts/" + acmeId + "/invoices?role=BUYER").json()
                            .path("items").size(), invoices -> invoices >= 3);
            assertThat(northwind.get("/api/v1/accounts/" + northwindId + "/invoices?role=ISSUER").json()
                    .path("items").size()).as("a reseller invoices its own customers").isGreaterThan(0);

            JsonNode audit = provider.get("/api/v1/accounts/" + providerId + "/audit-events?limit=5").json()
                    .path("items");
            assertThat(audit.size()).as("created through the services: audited").isEqualTo(5);

            // what a restart with the setting still on does: the demo data's start-up step runs again on the
            // filled tree (here in the same context: a second start would cost an application start)
            ((ApplicationRunner) first.getBean("demoData")).run(new DefaultApplicationArguments());
            assertThat(all(provider, "/api/v1/accounts?limit=100&under=" + providerId))
                    .as("a restart adds nothing").hasSize((int) accounts);
        }
    }

    private static List<JsonNode> all(Api api, String path) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(path + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(items::add);
            cursor = page.path("nextCursor").isString() ? page.path("nextCursor").asString() : null;
        } while (cursor != null);
        return items;
    }
}
