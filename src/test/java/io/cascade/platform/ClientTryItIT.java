package io.cascade.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import generated.cascade.client.ApiClient;
import generated.cascade.client.ApiException;
import generated.cascade.client.ApiResponse;
import generated.cascade.client.api.AccountsApi;
import generated.cascade.client.api.AuditLogApi;
import generated.cascade.client.api.AuthenticationApi;
import generated.cascade.client.api.CatalogApi;
import generated.cascade.client.api.SubscriptionsApi;
import generated.cascade.client.model.AccountDraft;
import generated.cascade.client.model.AccountStatus;
import generated.cascade.client.model.AccountSuspension;
import generated.cascade.client.model.AccountType;
import generated.cascade.client.model.AccountView;
import generated.cascade.client.model.Address;
import generated.cascade.client.model.Audience;
import generated.cascade.client.model.AuditEvent;
import generated.cascade.client.model.BillingPeriod;
import generated.cascade.client.model.LimitType;
import generated.cascade.client.model.LoginsMe;
import generated.cascade.client.model.Money;
import generated.cascade.client.model.NewAdministrator;
import generated.cascade.client.model.NewSubscription;
import generated.cascade.client.model.PlanDraft;
import generated.cascade.client.model.PlanResourceDraft;
import generated.cascade.client.model.PlanStatus;
import generated.cascade.client.model.PlanView;
import generated.cascade.client.model.Price;
import generated.cascade.client.model.PriceRule;
import generated.cascade.client.model.Pricing;
import generated.cascade.client.model.Purpose;
import generated.cascade.client.model.ResourceQuantity;
import generated.cascade.client.model.ResourceTypeDraft;
import generated.cascade.client.model.ServiceDraft;
import generated.cascade.client.model.SignIn;
import generated.cascade.client.model.SubscriptionStatus;
import generated.cascade.client.model.SubscriptionView;
import io.cascade.support.Api;
import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The README's "Try it" flow, run end to end by a Java client generated from the committed OpenAPI document
 * (openapi-generator, {@code java}/{@code native}; see pom.xml). The client reads answers strictly: a field the
 * document does not declare fails the test, as a wrong status, media type or schema does.
 */
class ClientTryItIT extends IntegrationTest {
    @Autowired
    private Environment environment;

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + environment.getRequiredProperty("local.server.port"));
        client.getObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        String address = randomAddress();
        client.setRequestInterceptor(request -> {
            request.header("X-Forwarded-For", address);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
        });
        return client;
    }

    private String token(String email, String password) throws ApiException {
        return new AuthenticationApi(client(null)).signIn(new SignIn().email(email).password(password)).getToken();
    }

    private static NewAdministrator admin(String email, String name, String password) {
        return new NewAdministrator().email(email).name(name).password(password);
    }

    @Test
    void theReadmeFlowRunsThroughTheGeneratedClient() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ApiClient provider = client(token(ADMIN_EMAIL, ADMIN_PASSWORD));

        // who am I
        LoginsMe me = new AuthenticationApi(provider).getMe();
        assertThat(me.getAccount().getType()).isEqualTo(AccountType.PROVIDER);
        UUID providerId = me.getAccount().getId();

        // a reseller with its first administrator: 201 with Location and ETag, as the document declares
        ApiResponse<AccountView> created = new AccountsApi(provider).createAccountWithHttpInfo(new AccountDraft()
                .type(AccountType.RESELLER).companyName("Alpha Reseller " + run)
                .admin(admin("admin@alpha-" + run + ".example", "Alice Alpha", "Alpha-Reseller-2026")), null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        UUID alpha = created.getData().getId();
        assertThat(created.getHeaders().get("location")).containsExactly("/api/v1/accounts/" + alpha);
        assertThat(created.getHeaders().get("etag")).hasSize(1);

        // the reseller signs in and creates a sub-reseller, and a customer of it
        ApiClient alphaClient = client(token("admin@alpha-" + run + ".example", "Alpha-Reseller-2026"));
        AccountsApi alphaAccounts = new AccountsApi(alphaClient);
        UUID sub = alphaAccounts.createAccount(new AccountDraft().type(AccountType.RESELLER)
                .companyName("Alpha Sub " + run)
                .admin(admin("admin@alphasub-" + run + ".example", "Sam Sub", "Alpha-Sub-Pass-2026")), null).getId();
        AccountView customer = alphaAccounts.createAccount(new AccountDraft().type(AccountType.CUSTOMER)
                .vendorId(sub).companyName("Acme GmbH " + run).billable(false)
                .address(new Address().street("Hauptstr. 1").city("Berlin").postalCode("10115").country("DE"))
                .admin(admin("it@acme-" + run + ".example", "Ann Acme", "Acme-Admin-2026")), null);
        assertThat(customer.getStatus()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(customer.getVendorId()).isEqualTo(sub);

        // a sibling reseller cannot see Alpha's subtree: 404, an RFC 9457 problem
        new AccountsApi(provider).createAccount(new AccountDraft().type(AccountType.RESELLER)
                .companyName("Beta Reseller " + run)
                .admin(admin("admin@beta-" + run + ".example", "Bob Beta", "Beta-Reseller-2026")), null);
        ApiClient beta = client(token("admin@beta-" + run + ".example", "Beta-Reseller-2026"));
        ApiException hidden = catchThrowableOfType(ApiException.class,
                () -> new AccountsApi(beta).getAccount(customer.getId()));
        assertThat(hidden.getCode()).isEqualTo(404);
        assertThat(hidden.getResponseHeaders().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(Api.JSON.readTree(hidden.getResponseBody()).path("type").asString())
                .isEqualTo("urn:cascade:problem:not-found");

        // the subtree: below the provider, and only Alpha's customers
        AccountsApi accounts = new AccountsApi(provider);
        assertThat(accounts.listAccounts(null, null, null, "Alpha", null, 500, null).getItems())
                .extracting(AccountView::getCompanyName).contains("Alpha Reseller " + run, "Alpha Sub " + run);
        assertThat(accounts.listAccounts(alpha, AccountType.CUSTOMER, null, null, null, null, null).getItems())
                .extracting(AccountView::getCompanyName).containsExactly("Acme GmbH " + run);

        // suspend Alpha: everything below it too; resume brings it back
        AccountView suspended = accounts.suspendAccount(alpha, null, null);
        assertThat(suspended.getStatus()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(suspended.getSuspension()).isEqualTo(AccountSuspension.OWN);
        assertThat(accounts.listAccounts(alpha, null, null, null, null, null, null).getItems())
                .extracting(AccountView::getStatus).containsOnly(AccountStatus.SUSPENDED);
        assertThat(accounts.resumeAccount(alpha, null, null).getStatus()).isEqualTo(AccountStatus.ACTIVE);

        // the audit trail of Alpha's subtree, newest first
        List<AuditEvent> events = new AuditLogApi(provider)
                .listAuditEvents(alpha, null, null, null, null, null, null).getItems();
        assertThat(events).extracting(AuditEvent::getAction).contains("account.suspended", "account.resumed");

        // sell something through the tree: a service, a wholesale plan, a retail plan at 50 % over it
        String mail = "mail-" + run;
        String mailbox = "mailbox-" + run;
        CatalogApi catalog = new CatalogApi(provider);
        catalog.createService(new ServiceDraft().code(mail).name("Hosted mail").adapter("manual")
                .addResourceTypesItem(new ResourceTypeDraft().code(mailbox).name("Mailbox").unit("count")), null);
        PlanView wholesale = catalog.createPlan(providerId, new PlanDraft().name("Mail wholesale " + run)
                .audience(Audience.RESELLER).billingPeriod(BillingPeriod.MONTHLY)
                .recurringFee(new Money().amount("100.00").currency("EUR"))
                .addResourcesItem(new PlanResourceDraft().resourceType(mailbox).included(BigDecimal.ZERO)
                        .limit(BigDecimal.TEN).limitType(LimitType.HARD)
                        .unitPrice(new Price().amount("1.00").currency("EUR"))), null);
        assertThat(catalog.publishPlan(wholesale.getId(), null).getStatus()).isEqualTo(PlanStatus.PUBLISHED);

        SubscriptionsApi alphaSubscriptions = new SubscriptionsApi(alphaClient);
        assertThat(alphaSubscriptions.createSubscription(alpha, new NewSubscription().planId(wholesale.getId()), null)
                .getPurpose()).isEqualTo(Purpose.RESALE);
        CatalogApi alphaCatalog = new CatalogApi(alphaClient);
        PlanView retail = alphaCatalog.createPlan(alpha, new PlanDraft().name("Mail for business " + run)
                .audience(Audience.END_CUSTOMER).billingPeriod(BillingPeriod.MONTHLY)
                .recurringFee(new Money().amount("5.00").currency("EUR"))
                .pricing(new Pricing().rule(PriceRule.MARKUP_PERCENT).value(BigDecimal.valueOf(50)))
                .addResourcesItem(new PlanResourceDraft().resourceType(mailbox).included(BigDecimal.ONE)
                        .limit(BigDecimal.TEN).limitType(LimitType.HARD)), null);
        Price unitPrice = alphaCatalog.publishPlan(retail.getId(), null).getResources().get(0).getUnitPrice();
        assertThat(unitPrice.getAmount()).isEqualTo("1.50");
        assertThat(unitPrice.getCurrency()).isEqualTo("EUR");

        // a customer of Alpha sees only Alpha's plan, and orders mailboxes up to what Alpha holds
        UUID shop = alphaAccounts.createAccount(new AccountDraft().type(AccountType.CUSTOMER)
                .companyName("Shop AG " + run)
                .admin(admin("it@shop-" + run + ".example", "Sue Shop", "Shop-Admin-2026")), null).getId();
        assertThat(alphaCatalog.listAvailablePlans(shop).getItems()).extracting(PlanView::getName)
                .containsExactly("Mail for business " + run);
        SubscriptionView eight = alphaSubscriptions.createSubscription(shop, new NewSubscription().planId(retail.getId())
                .addResourcesItem(new ResourceQuantity().resourceType(mailbox).quantity(BigDecimal.valueOf(8))), null);
        assertThat(eight.getStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
        ApiException tooMany = catchThrowableOfType(ApiException.class, () -> alphaSubscriptions.createSubscription(shop,
                new NewSubscription().planId(retail.getId()).addResourcesItem(
                        new ResourceQuantity().resourceType(mailbox).quantity(BigDecimal.valueOf(5))), null));
        assertThat(tooMany.getCode()).isEqualTo(422);
        JsonNode problem = Api.JSON.readTree(tooMany.getResponseBody());
        assertThat(problem.path("type").asString()).isEqualTo("urn:cascade:problem:limit-exceeded");
        assertThat(new BigDecimal(problem.path("left").asString())).isEqualByComparingTo("2");
    }
}
