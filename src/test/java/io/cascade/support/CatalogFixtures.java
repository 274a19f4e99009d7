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
