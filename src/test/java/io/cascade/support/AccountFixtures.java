package io.cascade.support;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds accounts through the API: {@code AccountFixtures.reseller("Acme").under(vendorId).create(api)}. Every
 * account gets an administrator with e-mail {@code admin@<unique>.test} and {@link IntegrationTest#PASSWORD}.
 */
public final class AccountFixtures {
    private final Map<String, Object> body = new LinkedHashMap<>();
    private String adminEmail;

    private AccountFixtures(String type, String companyName) {
        body.put("type", type);
        body.put("companyName", companyName);
        adminEmail = "admin@" + IntegrationTest.unique(companyName.toLowerCase().replaceAll("[^a-z0-9]", ""))
                + ".test";
    }

    public static AccountFixtures reseller(String companyName) {
        return new AccountFixtures("RESELLER", companyName);
    }

    public static AccountFixtures customer(String companyName) {
        return new AccountFixtures("CUSTOMER", companyName);
    }

    public AccountFixtures under(String vendorId) {
        body.put("vendorId", vendorId);
        return this;
    }

    public AccountFixtures with(String field, Object value) {
        body.put(field, value);
        return this;
    }

    public AccountFixtures adminEmail(String email) {
        adminEmail = email;
        return this;
    }

    public Map<String, Object> body() {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.putIfAbsent("admin", Map.of("email", adminEmail, "name", "Admin of " + body.get("companyName"),
                "password", IntegrationTest.PASSWORD));
        return copy;
    }

    /** Creates it and answers the created account with a client signed in as its administrator. */
    public Created create(Api api) {
        Api.Response response = api.post("/api/v1/accounts", body());
        assertThat(response.status()).as("create %s: %s", body.get("companyName"), response).isEqualTo(201);
        return new Created(response.text("id"), adminEmail, response);
    }

    public record Created(String id, String adminEmail, Api.Response response) {
    }
}
