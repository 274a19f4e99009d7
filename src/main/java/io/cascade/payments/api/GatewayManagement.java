package io.cascade.payments.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.payments.internal.GatewayConnectors;
import io.cascade.payments.internal.GatewayStore;
import io.cascade.payments.internal.GatewayUrls;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Privilege;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An issuer's payment gateway settings (ADR 0031): which connector, the payment service's URL and the two secrets.
 * {@code BILLING_READ} reads them (the secrets only as hints), {@code BILLING_MANAGE} sets them; every change is
 * audited without the secrets (only whether each changed).
 */
@Service
public class GatewayManagement {
    private final GatewayStore store;
    private final GatewayConnectors connectors;
    private final GatewayUrls urls;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;

    GatewayManagement(GatewayStore store, GatewayConnectors connectors, GatewayUrls urls, AccountScope scope,
                      Validation validation, AuditTrail audit, Clock clock) {
        this.store = store;
        this.connectors = connectors;
        this.urls = urls;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    /** The account's gateway; 404 when it has none. */
    @Transactional(readOnly = true)
    public GatewaySettingsView get(Caller caller, UUID accountId) {
        return find(caller, accountId).orElseThrow(NotFoundException::new);
    }

    /** The account's gateway, if it has one. */
    @Transactional(readOnly = true)
    public Optional<GatewaySettingsView> find(Caller caller, UUID accountId) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_READ);
        return store.ofAccount(account.id()).map(this::view);
    }

    /** The kinds of gateway this installation has connectors for. */
    public List<String> kinds() {
        return List.copyOf(connectors.kinds());
    }

    /**
     * Sets the account's gateway; {@code ifMatch} (an If-Match header, or null) must name the current version. A
     * secret left out keeps its saved value.
     */
    @Transactional
    public GatewaySettingsView put(Caller caller, UUID accountId, String ifMatch, GatewaySettings request) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.BILLING_MANAGE);
        validation.check(request);
        PaymentGateway connector = connectors.of(request.kind().strip()).orElseThrow(() -> new InvalidInputException(
                "kind", "must be one of " + String.join(", ", connectors.kinds())));
        Optional<GatewayStore.Row> current = store.lockOfAccount(account.id());
        if (current.isPresent()) {
            Etags.checkIfMatch(ifMatch, current.get().version());
        } else if (ifMatch != null) {
            Etags.checkIfMatch(ifMatch, -1);
        }
        String baseUrl = blankToNull(request.baseUrl());
        String apiKey = request.apiKey() != null ? blankToNull(request.apiKey())
                : current.map(GatewayStore.Row::apiKey).orElse(null);
        String secret = request.signingSecret() != null ? blankToNull(request.signingSecret())
                : current.map(GatewayStore.Row::signingSecret).orElse(null);
        UUID id = current.map(GatewayStore.Row::id).orElseGet(UUID::randomUUID);
        List<FieldProblem> problems = connector.check(new GatewayConfiguration(id, connector.kind(), baseUrl, apiKey,
                secret));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Instant now = clock.instant();
        if (current.isPresent()) {
            store.update(id, connector.kind(), baseUrl, apiKey, secret, now);
        } else {
            store.insert(id, account.id(), account.path(), connector.kind(), baseUrl, apiKey, secret, now);
        }
        GatewaySettingsView after = view(store.find(id).orElseThrow());
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("gatewayId", id);
        changed.put("kind", after.kind());
        changed.put("baseUrl", after.baseUrl());
        changed.put("apiKeyChanged", current.isEmpty() || !java.util.Objects.equals(current.get().apiKey(), apiKey));
        changed.put("signingSecretChanged", current.isEmpty() || !java.util.Objects.equals(current.get().signingSecret(), secret));
        audit.record(new AuditRecord(caller, account.id(), account.path(), "payment.gateway-changed",
                current.map(c -> Map.of("kind", c.kind(), "baseUrl", String.valueOf(c.baseUrl()))).orElse(null),
                changed));
        return after;
    }

    private GatewaySettingsView view(GatewayStore.Row row) {
        return new GatewaySettingsView(row.id(), row.accountId(), row.kind(), row.baseUrl(), hint(row.apiKey()),
                hint(row.signingSecret()), urls.callback(row.id()).toString(), row.version(), row.updatedAt());
    }

    /** The last four characters of a secret, or null. */
    static String hint(String secret) {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        return "…" + (secret.length() <= 8 ? "" : secret.substring(secret.length() - 4));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
