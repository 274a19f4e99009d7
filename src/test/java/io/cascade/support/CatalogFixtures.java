package io.cascade.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Services and plans through the API, for tests. Service and resource type codes are made unique per call. */
public final class CatalogFixtures {
    private CatalogFixtures() {
    }

    /** A service with one counted resource type ({@code mailbox-…}) and one declared metered ({@code storage-…}). */
    public record Service(String id, String code, String counted, String metered) {
    }

    public static Service mailService(Api provider) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String counted = "mailbox-" + suffix;
        String metered = "storage-" + suffix;
        Api.Response created = provider.post("/api/v1/services", Map.of("code", "mail-" + suffix, "name", "Mail",
                "adapter", "manual", "resourceTypes", List.of(
                        Map.of("code", counted, "name", "Mailbox", "unit", "count"),
                        Map.of("code", metered, "name", "Storage", "unit", "GB", "metered", true))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Service(created.text("id"), created.text("code"), counted, metered);
    }

    /**
     * A service of the {@code iot} adapter: SIMs counted ({@code counted}, {@code sim-…}) and their data usage metered
     * ({@code metered}, {@code data-…}, in MB), the adapter's two resource types.
     */
    public static Service iotService(Api provider) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String sims = "sim-" + suffix;
        String data = "data-" + suffix;
        Api.Response created = provider.post("/api/v1/services", Map.of("code", "iot-" + suffix, "name", "IoT",
                "adapter", "iot", "adapterConfig", Map.of("simResourceType", sims, "dataResourceType", data),
                "resourceTypes", List.of(Map.of("code", sims, "name", "SIM", "unit", "SIM"),
                        Map.of("code", data, "name", "Data", "unit", "MB", "metered", true))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Service(created.text("id"), created.text("code"), sims, data);
    }

    public static Map<String, Object> money(String amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }

    /** A published plan of the vendor; resources as maps (resourceType, included, limit, limitType, prices). */
    public static String publishedPlan(Api api, String vendorId, String audience, String recurringFee,
                                       List<Map<String, Object>> resources) {
        String id = draftPlan(api, vendorId, Map.of("name", "Plan " + UUID.randomUUID().toString().substring(0, 6),
                "audience", audience, "billingPeriod", "MONTHLY", "recurringFee", money(recurringFee),
                "resources", resources));
        Api.Response published = api.post("/api/v1/plans/" + id + "/publish", null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return id;
    }

    public static String draftPlan(Api api, String vendorId, Map<String, Object> body) {
        Api.Response created = api.post("/api/v1/accounts/" + vendorId + "/plans", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    public static Map<String, Object> resource(String type, Object included, Object limit, String limitType,
                                               String unitPrice, String usagePrice) {
        Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("resourceType", type);
        r.put("included", included);
        if (limit != null) {
            r.put("limit", limit);
        }
        r.put("limitType", limitType);
        if (unitPrice != null) {
            r.put("unitPrice", money(unitPrice));
        }
        if (usagePrice != null) {
            r.put("usagePrice", money(usagePrice));
        }
        return r;
    }
}
