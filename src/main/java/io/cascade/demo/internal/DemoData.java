package io.cascade.demo.internal;

import io.cascade.accounts.api.AccountDraft;
import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.Address;
import io.cascade.accounts.api.Contact;
import io.cascade.accounts.api.InvoiceFormat;
import io.cascade.accounts.api.NewAdministrator;
import io.cascade.accounts.api.ResellerModel;
import io.cascade.accounts.api.ResellerProfile;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.accounts.api.Signatures;
import io.cascade.assets.api.AssetManagement;
import io.cascade.assets.api.AssetQuery;
import io.cascade.assets.api.AssetView;
import io.cascade.assets.api.AssignRequest;
import io.cascade.assets.api.SimNumbers;
import io.cascade.assets.api.TransferRequest;
import io.cascade.billing.api.BillingRuns;
import io.cascade.billing.api.RunStatus;
import io.cascade.billing.api.RunView;
import io.cascade.catalog.api.Audience;
import io.cascade.catalog.api.BillingPeriod;
import io.cascade.catalog.api.LimitType;
import io.cascade.catalog.api.NewOffering;
import io.cascade.catalog.api.OfferingManagement;
import io.cascade.catalog.api.PlanDraft;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PlanResourceDraft;
import io.cascade.catalog.api.PlanView;
import io.cascade.catalog.api.PriceRule;
import io.cascade.catalog.api.Pricing;
import io.cascade.catalog.api.ResourceTypeDraft;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceDraft;
import io.cascade.identity.api.NewUser;
import io.cascade.identity.api.StaffManagement;
import io.cascade.mail.api.NewServiceUser;
import io.cascade.mail.api.ServiceUsers;
import io.cascade.shared.Caller;
import io.cascade.shared.Money;
import io.cascade.shared.Price;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.subscriptions.api.NewSubscription;
import io.cascade.subscriptions.api.ResourceQuantity;
import io.cascade.subscriptions.api.SubscriptionManagement;
import io.cascade.subscriptions.api.SubscriptionStatus;
import io.cascade.subscriptions.api.SubscriptionView;
import io.cascade.usage.api.UsageMetering;
import io.cascade.usage.api.UsageRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * With {@code cascade.demo=true}, fills an empty tree on start with the demo data set described in docs/guide.md,
 * in one transaction (all of it or nothing), through the application services only; then bills a few months in the
 * background. A tree that already has
 * accounts below the provider is left alone, so a restart with the setting still on changes nothing.
 */
@Component
@ConditionalOnProperty(name = "cascade.demo", havingValue = "true")
class DemoData implements ApplicationRunner {
    /** The password of every demo user (documented; change it before showing the demo to anyone outside). */
    static final String PASSWORD = "Cascade-Demo-2026";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final int HISTORY_DAYS = 95;

    private final AccountScope scope;
    private final AccountManagement accounts;
    private final StaffManagement staff;
    private final ServiceCatalog services;
    private final PlanManagement plans;
    private final OfferingManagement offerings;
    private final SubscriptionManagement subscriptions;
    private final UsageMetering usage;
    private final BillingRuns billing;
    private final AssetManagement assets;
    private final ServiceUsers serviceUsers;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String currency;

    DemoData(AccountScope scope, AccountManagement accounts, StaffManagement staff, ServiceCatalog services,
             PlanManagement plans, OfferingManagement offerings, SubscriptionManagement subscriptions,
             UsageMetering usage, BillingRuns billing, AssetManagement assets, ServiceUsers serviceUsers,
             TransactionTemplate transactions,
             Clock clock,
             @Value("${cascade.provider.currency:EUR}") String currency) {
        this.scope = scope;
        this.accounts = accounts;
        this.staff = staff;
        this.services = services;
        this.plans = plans;
        this.offerings = offerings;
        this.subscriptions = subscriptions;
        this.usage = usage;
        this.billing = billing;
        this.assets = assets;
        this.serviceUsers = serviceUsers;
        this.transactions = transactions;
        this.clock = clock;
        this.currency = currency;
    }

    @Override
    public void run(ApplicationArguments args) {
        ScopedAccount provider = scope.provider().orElseThrow();
        Caller system = Caller.system(provider.id(), provider.path(), "demo");
        if (accounts.countsBelow(system, provider.id()).total() > 0 || !services.list(system).isEmpty()) {
            log.info("Demo data: the tree is not empty, nothing added");
            return;
        }
        Summary summary = transactions.execute(status -> new Builder(system, provider.id()).build());
        log.info("Demo data created: {} accounts, {} plans, {} subscriptions, {} usage records; every demo user's "
                + "password is {}", summary.accounts(), summary.plans(), summary.subscriptions(), summary.usage(),
                PASSWORD);
        Thread invoicing = new Thread(() -> {
            if (provisioned(system, summary.pending())) {
                mailboxes(system, summary.mailCustomer());
            }
            billHistory(system);
        }, "demo-billing");
        invoicing.setDaemon(true);
        invoicing.start();
    }

    /**
     * Waits until the provisioning tasks (which run once the demo's transaction committed) made the own-use
     * subscriptions of the {@code mail} service ACTIVE; at most two minutes. Answers whether they all are.
     */
    private boolean provisioned(Caller system, List<UUID> pending) {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        try {
            for (UUID id : pending) {
                while (subscriptions.get(system, id).status() == SubscriptionStatus.PENDING) {
                    if (System.nanoTime() > deadline) {
                        log.warn("Demo data: subscription {} is still being provisioned; no demo mailboxes", id);
                        return false;
                    }
                    Thread.sleep(200);
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Service users with mailboxes on the customer's mail subscription (once it is ACTIVE): one with the demo
     * password, two invited. The {@code mail} adapter then provisions their mailboxes.
     */
    private void mailboxes(Caller system, UUID customerId) {
        try {
            transactions.executeWithoutResult(status -> {
                serviceUsers.create(system, customerId, new NewServiceUser("Anna Schmidt", "anna@acme.demo",
                        PASSWORD, 4096));
                serviceUsers.create(system, customerId, new NewServiceUser("Ben Weber", "ben@acme.demo", null,
                        2048));
                serviceUsers.create(system, customerId, new NewServiceUser("Acme Info", "info@acme.demo", null,
                        1024));
            });
            log.info("Demo mailboxes created: anna@acme.demo (password {}), ben@acme.demo and info@acme.demo "
                    + "(invited)", PASSWORD);
        } catch (RuntimeException e) {
            log.warn("Demo mailboxes not created: {}", e.getMessage());
        }
    }

    /**
     * A few months of invoices: billing runs as of two months ago, a month ago and today, one after the other, by
     * the billing module's own workers (in the background: the application serves requests meanwhile).
     */
    private void billHistory(Caller system) {
        LocalDate today = LocalDate.now(clock);
        try {
            for (LocalDate asOf : List.of(today.minusMonths(2), today.minusMonths(1), today)) {
                RunView run = startWhenFree(system, asOf);
                while (run.status() != RunStatus.COMPLETED) {
                    Thread.sleep(500);
                    run = billing.get(system, run.id());
                }
                log.info("Demo billing run as of {}: {} invoices", asOf, run.progress().invoicesWritten());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Demo billing stopped: {}", e.getMessage());
        }
    }

    /** Starts a run, waiting while another one (the daily run) is still working. */
    private RunView startWhenFree(Caller system, LocalDate asOf) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return billing.start(system, asOf);
            } catch (RuleViolationException e) {
                if (e.kind() != Problem.Kind.CONFLICT || attempt > 600) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /**
     * @param pending      the subscriptions still being provisioned when the transaction commits
     * @param mailCustomer the customer that gets the demo mailboxes
     */
    record Summary(int accounts, int plans, int subscriptions, int usage, List<UUID> pending, UUID mailCustomer) {
    }

    /** One run of the demo: the tree, the catalog, subscriptions and their usage history. */
    private final class Builder {
        private final Caller system;
        private final UUID providerId;
        private final LocalDate today = LocalDate.now(clock);
        private final List<SubscriptionView> metered = new ArrayList<>();
        private final List<UUID> pending = new ArrayList<>();
        private int accountCount;
        private int planCount;
        private int subscriptionCount;

        Builder(Caller system, UUID providerId) {
            this.system = system;
            this.providerId = providerId;
        }

        Summary build() {
            // mailboxes of service users (the mail adapter) and SIM connectivity (the iot adapter, ADR 0013)
            services.create(system, new ServiceDraft("mail", "Hosted Mail", "mail",
                    Map.of("mailboxResourceType", "mailbox"), List.of(
                    new ResourceTypeDraft("mailbox", "Mailbox", "count"),
                    new ResourceTypeDraft("mail-storage", "Mail storage", "GB", true))));
            services.create(system, new ServiceDraft("mobile", "Mobile Data", "iot",
                    Map.of("simResourceType", "sim", "dataResourceType", "mobile-data"), List.of(
                    new ResourceTypeDraft("sim", "SIM card", "count"),
                    new ResourceTypeDraft("mobile-data", "Mobile data", "MB", true))));
            services.create(system, new ServiceDraft("web", "Web Hosting", "manual", null, List.of(
                    new ResourceTypeDraft("website", "Website", "count"),
                    new ResourceTypeDraft("web-traffic", "Traffic", "GB", true))));

            // the provider's wholesale plans (for prepaid resellers) and end-customer plans
            PlanView mailWholesale = published(providerId, "Mail Wholesale", Audience.RESELLER, "0", Pricing.FIXED,
                    r("mailbox", "0", "500", LimitType.HARD, "1.20", null),
                    r("mail-storage", "0", null, LimitType.SOFT, null, "0.02"));
            PlanView mobileWholesale = published(providerId, "Mobile Wholesale", Audience.RESELLER, "0",
                    Pricing.FIXED, r("sim", "0", "200", LimitType.HARD, "3.00", null),
                    r("mobile-data", "0", null, LimitType.SOFT, null, "0.005"));
            PlanView mailBasic = published(providerId, "Mail Basic", Audience.END_CUSTOMER, "9.90", Pricing.FIXED,
                    r("mailbox", "5", "25", LimitType.HARD, "2.50", null),
                    r("mail-storage", "10", null, LimitType.SOFT, null, "0.10"));
            PlanView mailBusiness = published(providerId, "Mail Business", Audience.END_CUSTOMER, "39.00",
                    Pricing.FIXED, r("mailbox", "25", "200", LimitType.HARD, "2.00", null),
                    r("mail-storage", "100", null, LimitType.SOFT, null, "0.08"));
            PlanView mobileFlex = published(providerId, "Mobile Flex", Audience.END_CUSTOMER, "5.00", Pricing.FIXED,
                    r("sim", "1", "20", LimitType.HARD, "4.00", null),
                    r("mobile-data", "1000", null, LimitType.SOFT, null, "0.01"));
            PlanView legacy = published(providerId, "Mail Legacy", Audience.END_CUSTOMER, "7.00", Pricing.FIXED,
                    r("mailbox", "3", "10", LimitType.HARD, "3.00", null));
            draft(providerId, "Web Starter", Audience.END_CUSTOMER, "4.90", Pricing.FIXED,
                    r("website", "1", "3", LimitType.HARD, "3.00", null),
                    r("web-traffic", "50", null, LimitType.SOFT, null, "0.05"));

            // direct customers of the provider: billable, active
            AccountView acme = account(AccountType.CUSTOMER, providerId, "Acme GmbH", "acme", true, null,
                    "Berlin", "DE");
            subscribe(acme, mailBusiness, q("mailbox", "40"));
            subscribe(acme, mobileFlex, q("sim", "8"));
            staff.create(system, acme.id(), new NewUser("it@acme.demo", "Ida IT", PASSWORD, List.of("READ_ONLY")));
            AccountView globex = account(AccountType.CUSTOMER, providerId, "Globex Ltd", "globex", true, null,
                    "London", "GB");
            subscribe(globex, mailBasic, q("mailbox", "12"));
            SubscriptionView old = subscribe(globex, legacy);
            plans.retire(system, legacy.id());

            // a prepaid reseller at level 1 with its own plans (one derived from its wholesale prices)
            AccountView northwind = account(AccountType.RESELLER, providerId, "Northwind Telecom", "northwind",
                    null, ResellerModel.PREPAID, "Hamburg", "DE");
            subscribe(northwind, mailWholesale);
            subscribe(northwind, mobileWholesale);
            subscribe(northwind, mailBasic, q("mailbox", "8"));
            PlanView northwindMail = published(northwind.id(), "Northwind Mail", Audience.END_CUSTOMER, "12.00",
                    new Pricing(PriceRule.MARKUP_PERCENT, new BigDecimal("25")),
                    r("mailbox", "5", "50", LimitType.HARD, null, null),
                    r("mail-storage", "10", null, LimitType.SOFT, null, null));
            PlanView northwindMobile = published(northwind.id(), "Northwind Mobile", Audience.END_CUSTOMER, "6.50",
                    Pricing.FIXED, r("sim", "1", "10", LimitType.HARD, "4.50", null),
                    r("mobile-data", "500", null, LimitType.SOFT, null, "0.008"));
            PlanView northwindWholesale = published(northwind.id(), "Northwind Mail for Partners",
                    Audience.RESELLER, "0", Pricing.FIXED, r("mailbox", "0", "150", LimitType.HARD, "1.60", null),
                    r("mail-storage", "0", null, LimitType.SOFT, null, "0.03"));
            AccountView harborCafe = account(AccountType.CUSTOMER, northwind.id(), "Harbor Cafe", "harborcafe",
                    true, null, "Hamburg", "DE");
            subscribe(harborCafe, northwindMail, q("mailbox", "6"));
            subscribe(harborCafe, northwindMobile, q("sim", "3"));
            AccountView kiosk = account(AccountType.CUSTOMER, northwind.id(), "Elbe Kiosk", "elbekiosk", false, null,
                    "Hamburg", "DE");
            subscribe(kiosk, northwindMobile);
            AccountView invited = invitedCustomer(northwind.id(), "Alster Bakery", "alsterbakery");

            // a prepaid reseller at level 2, buying wholesale from Northwind
            AccountView harborIt = account(AccountType.RESELLER, northwind.id(), "Harbor IT Services", "harborit",
                    null, ResellerModel.PREPAID, "Bremen", "DE");
            subscribe(harborIt, northwindWholesale);
            PlanView harborMail = published(harborIt.id(), "Harbor Office Mail", Audience.END_CUSTOMER, "15.00",
                    Pricing.FIXED, r("mailbox", "5", "30", LimitType.HARD, "2.40", null),
                    r("mail-storage", "20", null, LimitType.SOFT, null, "0.06"));
            AccountView dental = account(AccountType.CUSTOMER, harborIt.id(), "Weser Dental", "weserdental", true,
                    null, "Bremen", "DE");
            subscribe(dental, harborMail, q("mailbox", "9"));
            AccountView club = account(AccountType.CUSTOMER, harborIt.id(), "Rowing Club Bremen", "rowingclub",
                    false, null, "Bremen", "DE");
            subscribe(club, harborMail);

            // a commission reseller at level 2, selling Northwind's plans
            AccountView atlas = account(AccountType.RESELLER, northwind.id(), "Atlas Agents", "atlas", null,
                    ResellerModel.COMMISSION, "Kiel", "DE");
            offerings.offer(system, atlas.id(), new NewOffering(northwindMail.id(), new BigDecimal("12")));
            offerings.offer(system, atlas.id(), new NewOffering(northwindMobile.id(), new BigDecimal("8")));
            AccountView shipyard = account(AccountType.CUSTOMER, atlas.id(), "Kiel Shipyard", "kielshipyard", true,
                    null, "Kiel", "DE");
            subscribe(shipyard, northwindMail, q("mailbox", "20"));
            subscribe(shipyard, northwindMobile, q("sim", "5"));

            // a commission reseller at level 1, selling the provider's plans, with a suspended customer
            AccountView blueOcean = account(AccountType.RESELLER, providerId, "Blue Ocean Partners", "blueocean",
                    null, ResellerModel.COMMISSION, "Rotterdam", "NL");
            offerings.offer(system, blueOcean.id(), new NewOffering(mailBasic.id(), new BigDecimal("10")));
            offerings.offer(system, blueOcean.id(), new NewOffering(mobileFlex.id(), new BigDecimal("15")));
            AccountView tulip = account(AccountType.CUSTOMER, blueOcean.id(), "Tulip Logistics", "tulip", true,
                    null, "Rotterdam", "NL");
            subscribe(tulip, mailBasic, q("mailbox", "10"));
            subscribe(tulip, mobileFlex, q("sim", "12"));
            AccountView dune = account(AccountType.CUSTOMER, blueOcean.id(), "Dune Surf School", "dunesurf", false,
                    null, "Scheveningen", "NL");
            subscribe(dune, mobileFlex, q("sim", "2"));
            accounts.suspend(system, dune.id());
            // a prepaid sub-reseller at level 3 that holds nothing yet (a commission reseller has no resellers
            // below it: ADR 0037)
            AccountView delta = account(AccountType.RESELLER, harborIt.id(), "Delta Resellers", "delta", null,
                    ResellerModel.PREPAID, "Utrecht", "NL");
            AccountView canal = account(AccountType.CUSTOMER, delta.id(), "Canal Boats", "canalboats", true, null,
                    "Utrecht", "NL");

            simCards(acme, northwind, harborCafe, kiosk);
            int usageRecords = usageHistory();
            log.debug("Demo accounts include {} (invited), {} and {} without subscriptions, and retired-plan "
                    + "subscription {}", invited.companyName(), delta.companyName(), canal.companyName(), old.id());
            return new Summary(accountCount, planCount, subscriptionCount, usageRecords, List.copyOf(pending),
                    acme.id());
        }

        /**
         * SIM cards: the provider's stock (imported as CSV), a part handed down to Northwind, and cards assigned to
         * customers by their vendor's own staff (here: the platform acting as each vendor's own account).
         */
        private void simCards(AccountView acme, AccountView northwind, AccountView harborCafe, AccountView kiosk) {
            StringBuilder csv = new StringBuilder("iccid,imsi,msisdn\n");
            for (int i = 1; i <= 40; i++) {
                String payload = "89490000001" + String.format("%07d", i);
                csv.append(payload).append(SimNumbers.luhnDigit(payload)).append(',')
                        .append("26201").append(String.format("%010d", i)).append(',')
                        .append("4915100").append(String.format("%05d", i)).append('\n');
            }
            assets.importCsv(system, providerId, csv.toString(), false);
            List<UUID> stock = assets.list(system, providerId, new AssetQuery(null, null, null, null, 100, null))
                    .items().stream().map(AssetView::id).toList();
            assets.assignBatch(system, providerId, new AssignRequest(acme.id(), stock.subList(0, 6)));
            // Acme, a standard account, hands two of its SIMs on to its department, a simple customer (ADR 0037)
            AccountView logistics = account(AccountType.CUSTOMER, acme.id(), "Acme Logistics", "acmelogistics",
                    false, null, "Berlin", "DE");
            assets.assignBatch(Caller.system(acme.id(), acme.path(), "demo"), acme.id(),
                    new AssignRequest(logistics.id(), stock.subList(0, 2)));
            assets.transfer(system, providerId, new TransferRequest(northwind.id(), stock.subList(20, 35)));
            Caller northwindStaff = Caller.system(northwind.id(), northwind.path(), "demo");
            assets.assignBatch(northwindStaff, northwind.id(), new AssignRequest(harborCafe.id(),
                    stock.subList(20, 23)));
            assets.assignBatch(northwindStaff, northwind.id(), new AssignRequest(kiosk.id(), stock.subList(23, 24)));
        }

        private AccountView account(AccountType type, UUID vendorId, String name, String slug, Boolean billable,
                                    ResellerModel model, String city, String country) {
            AccountView created = accounts.create(system, draft(type, vendorId, name, slug, billable, model, city,
                    country, new NewAdministrator("admin@" + slug + ".demo", "Admin of " + name, PASSWORD)));
            accountCount++;
            return created;
        }

        /** A customer whose administrator was invited and has not chosen a password yet: it stays PENDING. */
        private AccountView invitedCustomer(UUID vendorId, String name, String slug) {
            AccountView created = accounts.create(system, draft(AccountType.CUSTOMER, vendorId, name, slug, true,
                    null, "Hamburg", "DE", new NewAdministrator("admin@" + slug + ".demo", "Admin of " + name,
                            null)));
            accountCount++;
            return created;
        }

        private AccountDraft draft(AccountType type, UUID vendorId, String name, String slug, Boolean billable,
                                   ResellerModel model, String city, String country, NewAdministrator admin) {
            ResellerProfile profile = model == null ? null : new ResellerProfile(model, model == ResellerModel.PREPAID,
                    InvoiceFormat.PDF, 1);
            return new AccountDraft(type, vendorId, name, null, new Address("Demo Street " + (accountCount + 1),
                    city, "1000" + accountCount, country), null, "https://" + slug + ".example",
                    null, null, new Contact("Contact of " + name, "contact@" + slug + ".demo", "+49 40 555 0"
                    + accountCount), null, new Signatures("Billing team of " + name, "Support team of " + name, null),
                    null, null, null, null, type == AccountType.CUSTOMER ? billable : null, profile, admin);
        }

        private PlanView published(UUID vendorId, String name, Audience audience, String fee, Pricing pricing,
                                   PlanResourceDraft... resources) {
            return plans.publish(system, draft(vendorId, name, audience, fee, pricing, resources).id());
        }

        private PlanView draft(UUID vendorId, String name, Audience audience, String fee, Pricing pricing,
                               PlanResourceDraft... resources) {
            planCount++;
            return plans.create(system, vendorId, new PlanDraft(name, "Demo plan " + name + ".", audience,
                    BillingPeriod.MONTHLY, Money.of("0", currency), Money.of(fee, currency), pricing,
                    List.of(resources), null));
        }

        private PlanResourceDraft r(String type, String included, String limit, LimitType limitType,
                                    String unitPrice, String usagePrice) {
            return new PlanResourceDraft(type, new BigDecimal(included), limit == null ? null : new BigDecimal(limit),
                    limitType, unitPrice == null ? null : Price.of(new BigDecimal(unitPrice), currency),
                    usagePrice == null ? null : Price.of(new BigDecimal(usagePrice), currency));
        }

        private ResourceQuantity q(String type, String quantity) {
            return new ResourceQuantity(type, new BigDecimal(quantity));
        }

        /** A subscription that started some weeks ago (each a little later than the one before). */
        private SubscriptionView subscribe(AccountView account, PlanView plan, ResourceQuantity... quantities) {
            LocalDate start = today.minusDays(HISTORY_DAYS - 3L * subscriptionCount);
            SubscriptionView created = subscriptions.create(system, account.id(), new NewSubscription(plan.id(),
                    start, quantities.length == 0 ? null : List.of(quantities)));
            subscriptionCount++;
            if (created.status() == SubscriptionStatus.PENDING) {
                pending.add(created.id());
            }
            if (plan.audience() == Audience.END_CUSTOMER) {
                metered.add(created);
            }
            return created;
        }

        /** Daily usage of every metered resource of the end-customer subscriptions since they started. */
        private int usageHistory() {
            List<UsageRecord> records = new ArrayList<>();
            Instant now = clock.instant();
            for (SubscriptionView s : metered) {
                for (SubscriptionView.Resource r : s.resources()) {
                    BigDecimal daily = dailyBase(r.resourceType(), r.included(), s.resources());
                    if (daily == null) {
                        continue;
                    }
                    for (LocalDate day = s.startDate(); !day.isAfter(today); day = day.plusDays(1)) {
                        Instant at = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
                        if (at.isAfter(now)) {
                            at = now.minusSeconds(60);
                        }
                        // a gentle weekly rhythm and slow growth, the same on every run
                        int n = (int) (day.toEpochDay() - s.startDate().toEpochDay());
                        BigDecimal factor = BigDecimal.valueOf(80 + (n % 7) * 6 + n / 5).movePointLeft(2);
                        records.add(new UsageRecord("demo-" + day + "-" + r.resourceType(), s.id(),
                                r.resourceType(), daily.multiply(factor).setScale(2, RoundingMode.HALF_UP), at));
                    }
                }
            }
            var receipt = usage.ingest(system, records);
            if (!receipt.rejected().isEmpty()) {
                throw new IllegalStateException("Demo usage refused: " + receipt.rejected().get(0));
            }
            return receipt.accepted();
        }

        /** The typical daily usage of a metered resource, from what the plan includes and how many units are held. */
        private static BigDecimal dailyBase(String type, BigDecimal included, List<SubscriptionView.Resource> all) {
            BigDecimal units = all.stream().filter(x -> !x.resourceType().equals(type)
                    && List.of("mailbox", "sim", "website").contains(x.resourceType()))
                    .map(SubscriptionView.Resource::quantity).findFirst().orElse(BigDecimal.ONE);
            return switch (type) {
                case "mail-storage" -> units.multiply(new BigDecimal("0.06"));
                case "mobile-data" -> units.multiply(new BigDecimal("45"));
                case "web-traffic" -> units.multiply(new BigDecimal("2"));
                default -> null;
            };
        }
    }
}
