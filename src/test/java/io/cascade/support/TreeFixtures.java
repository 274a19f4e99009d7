package io.cascade.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.cascade.support.CatalogFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tree most ITs start from, built through the API as its members would build it: the provider's wholesale plan, a
 * reseller that subscribes to it (its holding), the reseller's end-customer plans, and optionally a customer of the
 * reseller subscribed to the first of them; with clients signed in as the reseller's and the customer's administrator.
 *
 * <pre>{@code
 * Tree tree = TreeFixtures.resellerWithHolding(provider).named("Usage Reseller").customer("Usage Customer").build();
 * }</pre>
 *
 * What is not given is the mail tree: a fresh {@link CatalogFixtures#mailService}; the wholesale plan at 100.00 a month
 * with mailboxes (0 included, HARD 100, 1.00 each) and storage (SOFT, 0.10 per GB); one end-customer plan at 5.00 with
 * mailboxes (1 included, HARD 10, 2.00 each) and storage (SOFT, 0.20 per GB). The provider publishes the wholesale
 * plan; everything below it is done by the reseller's administrator.
 */
public final class TreeFixtures {
    private TreeFixtures() {
    }

    public static Builder resellerWithHolding(Api provider) {
        return new Builder(provider);
    }

    /**
     * An IoT tree of the {@link CatalogFixtures#iotService}: the wholesale plan at 50.00 with up to {@code heldSims}
     * SIMs (HARD, 1.00 each) and data (SOFT, 0.01 per MB), the reseller's end-customer plan at 20.00 with up to
     * {@code soldSims} SIMs (HARD, 2.00 each) and data (SOFT, 0.02 per MB).
     */
    public static Builder iotReseller(Api provider, CatalogFixtures.Service iot, int heldSims, int soldSims) {
        return new Builder(provider)
                .wholesale("50.00", resource(iot.counted(), 0, heldSims, "HARD", "1.00", null),
                        resource(iot.metered(), 0, null, "SOFT", null, "0.01"))
                .plan("20.00", resource(iot.counted(), 0, soldSims, "HARD", "2.00", null),
                        resource(iot.metered(), 0, null, "SOFT", null, "0.02"));
    }

    /**
     * What was built. {@code mail} is the mail service of the default plans or the one given ({@code null} when the
     * test brought its own plans of another service); {@code planIds} in the order given; the customer's fields are
     * {@code null} without {@link Builder#customer}.
     */
    public record Tree(CatalogFixtures.Service mail, String wholesalePlanId, String resellerId,
                       String resellerAdminEmail, Api reseller, String holdingId, List<String> planIds,
                       String customerId, String customerAdminEmail, Api customer, String subscriptionId) {
        /** The first end-customer plan: the one the customer subscribed to. */
        public String planId() {
            return planIds.get(0);
        }
    }

    private record Plan(String fee, List<Map<String, Object>> resources) {
    }

    public static final class Builder {
        private final Api provider;
        private AccountFixtures reseller = AccountFixtures.reseller("Reseller");
        private CatalogFixtures.Service service;
        private Plan wholesale;
        private String holdingStart;
        private final List<Plan> plans = new ArrayList<>();
        private AccountFixtures customer;
        private final List<Map<String, Object>> ordered = new ArrayList<>();

        private Builder(Api provider) {
            this.provider = provider;
        }

        /** The reseller's company name. */
        public Builder named(String resellerName) {
            return reseller(AccountFixtures.reseller(resellerName));
        }

        /** The reseller as it is created, e.g. with a reseller profile or a bill cycle day. */
        public Builder reseller(AccountFixtures fixture) {
            reseller = fixture;
            return this;
        }

        /** The mail service of the default plans (else a fresh one). */
        public Builder mail(CatalogFixtures.Service service) {
            this.service = service;
            return this;
        }

        /** The provider's wholesale (RESELLER) plan the reseller holds, instead of the default one. */
        @SafeVarargs
        public final Builder wholesale(String recurringFee, Map<String, Object>... resources) {
            wholesale = new Plan(recurringFee, List.of(resources));
            return this;
        }

        /** The holding starts on this day (else today). */
        public Builder holdingFrom(String startDate) {
            holdingStart = startDate;
            return this;
        }

        /** An end-customer plan of the reseller; the first one given replaces the default plan. */
        @SafeVarargs
        public final Builder plan(String recurringFee, Map<String, Object>... resources) {
            plans.add(new Plan(recurringFee, List.of(resources)));
            return this;
        }

        /** A customer of the reseller, subscribed to the first plan. */
        public Builder customer(String companyName) {
            return customer(AccountFixtures.customer(companyName));
        }

        public Builder customer(AccountFixtures fixture) {
            customer = fixture;
            return this;
        }

        /** The customer's subscription orders this quantity of a resource type (else the plan's defaults). */
        public Builder ordering(String resourceType, int quantity) {
            ordered.add(Map.of("resourceType", resourceType, "quantity", quantity));
            return this;
        }

        public Tree build() {
            CatalogFixtures.Service mail = service;
            if (mail == null && (wholesale == null || plans.isEmpty())) {
                mail = CatalogFixtures.mailService(provider);
            }
            Plan held = wholesale != null ? wholesale : new Plan("100.00", List.of(
                    resource(mail.counted(), 0, 100, "HARD", "1.00", null),
                    resource(mail.metered(), 0, null, "SOFT", null, "0.10")));
            List<Plan> offered = !plans.isEmpty() ? plans : List.of(new Plan("5.00", List.of(
                    resource(mail.counted(), 1, 10, "HARD", "2.00", null),
                    resource(mail.metered(), 0, null, "SOFT", null, "0.20"))));

            String providerId = provider.get("/api/v1/me").json().path("account").path("id").asString();
            String wholesalePlan = CatalogFixtures.publishedPlan(provider, providerId, "RESELLER", held.fee(),
                    held.resources());
            AccountFixtures.Created resellerAccount = reseller.create(provider);
            Api resellerAdmin = signIn(resellerAccount.adminEmail());
            Map<String, Object> holdingOrder = new LinkedHashMap<>();
            holdingOrder.put("planId", wholesalePlan);
            if (holdingStart != null) {
                holdingOrder.put("startDate", holdingStart);
            }
            String holding = subscribe(resellerAdmin, resellerAccount.id(), holdingOrder);
            List<String> planIds = new ArrayList<>();
            for (Plan plan : offered) {
                planIds.add(CatalogFixtures.publishedPlan(resellerAdmin, resellerAccount.id(), "END_CUSTOMER",
                        plan.fee(), plan.resources()));
            }
            if (customer == null) {
                return new Tree(mail, wholesalePlan, resellerAccount.id(), resellerAccount.adminEmail(),
                        resellerAdmin, holding, List.copyOf(planIds), null, null, null, null);
            }
            AccountFixtures.Created customerAccount = customer.create(resellerAdmin);
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("planId", planIds.get(0));
            if (!ordered.isEmpty()) {
                order.put("resources", List.copyOf(ordered));
            }
            String subscription = subscribe(resellerAdmin, customerAccount.id(), order);
            return new Tree(mail, wholesalePlan, resellerAccount.id(), resellerAccount.adminEmail(), resellerAdmin,
                    holding, List.copyOf(planIds), customerAccount.id(), customerAccount.adminEmail(),
                    signIn(customerAccount.adminEmail()), subscription);
        }

        private Api signIn(String email) {
            Api anonymous = provider.withToken(null);
            Api.Response token = anonymous.post("/api/v1/auth/tokens", Map.of("email", email,
                    "password", IntegrationTest.PASSWORD));
            assertThat(token.status()).as("sign in %s: %s", email, token).isEqualTo(201);
            return anonymous.withToken(token.text("token"));
        }

        private static String subscribe(Api api, String accountId, Map<String, Object> body) {
            Api.Response created = api.post("/api/v1/accounts/" + accountId + "/subscriptions", body);
            assertThat(created.status()).as("subscribe %s to %s: %s", accountId, body, created).isEqualTo(201);
            return created.text("id");
        }
    }
}
