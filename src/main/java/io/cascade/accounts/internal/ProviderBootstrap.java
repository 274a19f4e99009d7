package io.cascade.accounts.internal;

import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountUpdate;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.FirstAdministrators;
import io.cascade.accounts.api.NewAdministrator;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * First start on an empty database: creates the provider account and its first administrator — e-mail from
 * CASCADE_ADMIN_EMAIL, password from CASCADE_ADMIN_PASSWORD or generated and printed once. Safe when several nodes
 * start at once (an advisory lock, and the database allows one provider only). Runs before the web server takes
 * requests, so that the first sign-in always finds the administrator.
 */
@Component
class ProviderBootstrap implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(ProviderBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Accounts accounts;
    private final FirstAdministrators administrators;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String adminEmail;
    private final String adminPassword;
    private final String providerName;
    private final String currency;

    ProviderBootstrap(Accounts accounts, FirstAdministrators administrators, AuditTrail audit, JdbcClient jdbc,
                      TransactionTemplate transactions, Clock clock,
                      @Value("${cascade.admin.email:admin@cascade.local}") String adminEmail,
                      @Value("${cascade.admin.password:}") String adminPassword,
                      @Value("${cascade.provider.name:Cascade Provider}") String providerName,
                      @Value("${cascade.provider.currency:EUR}") String currency) {
        this.accounts = accounts;
        this.administrators = administrators;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.providerName = providerName;
        this.currency = currency;
    }

    @Override
    public void afterSingletonsInstantiated() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(4242000)").query(Object.class).single();
            if (accounts.findProvider().isPresent()) {
                return;
            }
            createProvider();
        });
    }

    private void createProvider() {
        if (!AccountRules.isCurrency(currency)) {
            throw new IllegalStateException("CASCADE_PROVIDER_CURRENCY must be an ISO 4217 code, e.g. EUR; got "
                    + currency);
        }
        boolean generated = adminPassword == null || adminPassword.isBlank();
        String password = generated ? generatePassword() : adminPassword;
        Instant now = clock.instant();
        long seq = accounts.nextSeq();
        UUID id = UUID.randomUUID();
        String path = AccountPaths.child(null, seq);
        AccountUpdate fields = new AccountUpdate(providerName, "P000001", null, null, null, null, null, null, null, null,
                currency, "en", "UTC", 1, null, null);
        accounts.insert(new Accounts.NewRow(id, seq, path, AccountType.PROVIDER, null, 0, AccountStatus.ACTIVE,
                "P000001", fields, now));
        AccountView provider = accounts.find(id).orElseThrow();
        Caller system = Caller.system(id, path, "bootstrap");
        try {
            administrators.enroll(system, provider.scoped(),
                    new NewAdministrator(adminEmail, "Provider administrator", password));
        } catch (InvalidInputException e) {
            throw new IllegalStateException("CASCADE_ADMIN_EMAIL / CASCADE_ADMIN_PASSWORD refused: "
                    + e.problems().stream().map(p -> p.field() + " " + p.message()).toList(), e);
        }
        audit.record(new AuditRecord(system, id, path, "account.created", null, provider));
        if (generated) {
            log.warn("""

                    ================================================================
                     Cascade created the provider account and its administrator.
                       e-mail:   {}
                       password: {}
                     This password is shown only this once; change it after signing in.
                    ================================================================""", adminEmail, password);
        } else {
            log.info("Cascade created the provider account; administrator {} (password from CASCADE_ADMIN_PASSWORD)",
                    adminEmail);
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
