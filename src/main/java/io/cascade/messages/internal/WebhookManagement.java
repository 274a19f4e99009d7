package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.messages.api.NewWebhookEndpoint;
import io.cascade.messages.api.WebhookDeliveryView;
import io.cascade.messages.api.WebhookEndpointUpdate;
import io.cascade.messages.api.WebhookEndpointView;
import io.cascade.messages.api.Webhooks;
import io.cascade.platform.api.OutboundTargets;
import io.cascade.platform.api.Validation;
import io.cascade.platform.api.WebhookSignatures;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.Privilege;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * An account's webhook endpoints and their delivery logs. Every method starts with the subtree check (an account
 * outside the caller's subtree, or an endpoint of another account, is 404), then the privilege: SETTINGS_MANAGE to
 * register, change, delete, rotate the secret and redeliver; SETTINGS_MANAGE or ACCOUNTS_READ to read. Every change
 * is audited, never with the secret.
 */
@Service
class WebhookManagement implements Webhooks {
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final AccountScope scope;
    private final OutboundTargets targets;
    private final Validation validation;
    private final WebhookSettings settings;
    private final AuditTrail audit;
    private final Clock clock;

    WebhookManagement(WebhookEndpoints endpoints, WebhookDeliveries deliveries, AccountScope scope,
                      OutboundTargets targets, Validation validation, WebhookSettings settings, AuditTrail audit,
                      Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.scope = scope;
        this.targets = targets;
        this.validation = validation;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<String> eventTypes() {
        return WebhookEventType.wireNames();
    }

    @Override
    public Page<WebhookEndpointView> list(Caller caller, UUID accountId, Integer limit, String cursor) {
        ScopedAccount account = scope.require(caller, accountId);
        requireRead(caller);
        int size = Cursors.limit(limit);
        String after = Cursors.decode("webhook-endpoint", cursor);
        Instant afterAt = null;
        UUID afterId = null;
        if (after != null) {
            try {
                String[] parts = after.split("\\|", 2);
                afterAt = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "is not a cursor of this list");
            }
        }
        List<WebhookEndpointView> rows = endpoints.ofAccount(account.id(), afterAt, afterId, size + 1);
        List<WebhookEndpointView> page = rows.subList(0, Math.min(size, rows.size()));
        String next = rows.size() > size ? Cursors.encode("webhook-endpoint",
                page.get(size - 1).createdAt() + "|" + page.get(size - 1).id()) : null;
        return new Page<>(page, next);
    }

    @Override
    public WebhookEndpointView get(Caller caller, UUID accountId, UUID endpointId) {
        return endpoint(caller, accountId, endpointId, false);
    }

    /** Registers an endpoint with a new secret, answered once in the result. */
    @Transactional
    @Override
    public WebhookEndpointView create(Caller caller, UUID accountId, NewWebhookEndpoint request) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.SETTINGS_MANAGE);
        List<FieldProblem> problems = new ArrayList<>();
        List<String> types = eventTypes(request.eventTypes(), problems);
        urlProblem(request.url()).ifPresent(problems::add);
        validation.check(request, problems);
        UUID id = UUID.randomUUID();
        String secret = WebhookSignatures.newSecret();
        endpoints.insert(id, account, request, types, secret, clock.instant());
        WebhookEndpointView created = endpoints.find(id).orElseThrow();
        audit.record(new AuditRecord(caller, account.id(), account.path(), "webhook-endpoint.created", null, created));
        return created.withSecret(secret);
    }

    /** Applies the caller's changes (merged onto the current document) if the version still matches. */
    @Transactional
    @Override
    public WebhookEndpointView update(Caller caller, UUID accountId, UUID endpointId, String ifMatch,
                                      UnaryOperator<WebhookEndpointUpdate> changes) {
        WebhookEndpointView before = endpoint(caller, accountId, endpointId, true);
        Etags.checkIfMatch(ifMatch, before.version());
        WebhookEndpointUpdate changed = changes.apply(WebhookEndpointUpdate.of(before));
        List<FieldProblem> problems = new ArrayList<>();
        List<String> types = eventTypes(changed.eventTypes(), problems);
        if (changed.url() != null && !changed.url().equals(before.url())) {
            urlProblem(changed.url()).ifPresent(problems::add);
        }
        validation.check(changed, problems);
        if (!endpoints.update(before.id(), before.version(), changed, types, clock.instant())) {
            throw new PreconditionFailedException();
        }
        WebhookEndpointView after = endpoints.find(before.id()).orElseThrow();
        audit.record(new AuditRecord(caller, before.accountId(), before.accountPath(), "webhook-endpoint.updated",
                before, after));
        return after;
    }

    /** Removes the endpoint; deliveries still waiting for it fail (it is gone). */
    @Transactional
    @Override
    public void delete(Caller caller, UUID accountId, UUID endpointId) {
        WebhookEndpointView endpoint = endpoint(caller, accountId, endpointId, true);
        endpoints.delete(endpoint.id());
        audit.record(new AuditRecord(caller, endpoint.accountId(), endpoint.accountPath(),
                "webhook-endpoint.deleted", endpoint, null));
    }

    /**
     * A new secret, answered once; the old one keeps signing next to it (a second {@code v1} signature) for
     * {@code cascade.webhooks.secret-overlap}, so that the receiver can switch without losing deliveries.
     */
    @Transactional
    @Override
    public WebhookEndpointView rotateSecret(Caller caller, UUID accountId, UUID endpointId) {
        WebhookEndpointView endpoint = endpoint(caller, accountId, endpointId, true);
        String secret = WebhookSignatures.newSecret();
        Instant now = clock.instant();
        endpoints.rotate(endpoint.id(), secret, now.plus(settings.secretOverlap), now);
        WebhookEndpointView after = endpoints.find(endpoint.id()).orElseThrow();
        audit.record(new AuditRecord(caller, endpoint.accountId(), endpoint.accountPath(),
                "webhook-endpoint.secret-rotated", null, Map.of("endpointId", endpoint.id(),
                "previousSecretSignsUntil", now.plus(settings.secretOverlap).toString())));
        return after.withSecret(secret);
    }

    @Override
    public Page<WebhookDeliveryView> deliveries(Caller caller, UUID accountId, UUID endpointId, Integer limit,
                                                String cursor) {
        WebhookEndpointView endpoint = endpoint(caller, accountId, endpointId, false);
        int size = Cursors.limit(limit);
        String before = Cursors.decode("webhook-delivery", cursor);
        Long beforeSeq;
        try {
            beforeSeq = before == null ? null : Long.valueOf(before);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<WebhookDeliveries.Row> rows = deliveries.of(endpoint.id(), beforeSeq, size + 1);
        List<WebhookDeliveries.Row> page = rows.subList(0, Math.min(size, rows.size()));
        String next = rows.size() > size ? Cursors.encode("webhook-delivery",
                Long.toString(page.get(size - 1).seq())) : null;
        return new Page<>(page.stream().map(WebhookDeliveries.Row::view).toList(), next);
    }

    @Override
    public WebhookDeliveryView delivery(Caller caller, UUID accountId, UUID endpointId, UUID deliveryId) {
        WebhookEndpointView endpoint = endpoint(caller, accountId, endpointId, false);
        return deliveries.find(endpoint.id(), deliveryId).orElseThrow(NotFoundException::new);
    }

    /** Sends a delivery again (also a FAILED one), with its {@code webhook-id}, as soon as the outbox gets to it. */
    @Transactional
    @Override
    public WebhookDeliveryView redeliver(Caller caller, UUID accountId, UUID endpointId, UUID deliveryId) {
        WebhookEndpointView endpoint = endpoint(caller, accountId, endpointId, true);
        WebhookDeliveryView before = deliveries.find(endpoint.id(), deliveryId).orElseThrow(NotFoundException::new);
        WebhookDeliveryView after = deliveries.redeliver(endpoint.id(), deliveryId, clock.instant()).orElse(before);
        audit.record(new AuditRecord(caller, endpoint.accountId(), endpoint.accountPath(),
                "webhook-delivery.redelivered", Map.of("deliveryId", deliveryId, "status", before.status()),
                Map.of("deliveryId", deliveryId, "endpointId", endpoint.id(), "status", after.status())));
        return after;
    }

    /**
     * The endpoint, when it is an endpoint of this account and the caller covers the account (else 404); the privilege
     * to manage or to read is checked right after the account's scope, before the endpoint is looked up.
     */
    private WebhookEndpointView endpoint(Caller caller, UUID accountId, UUID endpointId, boolean manage) {
        ScopedAccount account = scope.require(caller, accountId);
        if (manage) {
            caller.require(Privilege.SETTINGS_MANAGE);
        } else {
            requireRead(caller);
        }
        return endpoints.find(endpointId).filter(e -> e.accountId().equals(account.id()))
                .orElseThrow(NotFoundException::new);
    }

    private static void requireRead(Caller caller) {
        if (!caller.has(Privilege.SETTINGS_MANAGE) && !caller.has(Privilege.ACCOUNTS_READ)) {
            throw new ForbiddenException(Privilege.ACCOUNTS_READ);
        }
    }

    private java.util.Optional<FieldProblem> urlProblem(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            return java.util.Optional.empty(); // the document's own constraints report it
        }
        return targets.problem(url).map(problem -> new FieldProblem("url", problem));
    }

    /** The known event types, each once, in the given order; every unknown one is a field problem. */
    private static List<String> eventTypes(List<String> requested, List<FieldProblem> problems) {
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (int i = 0; requested != null && i < requested.size(); i++) {
            String type = requested.get(i);
            if (type != null && WebhookEventType.of(type).isEmpty()) {
                problems.add(new FieldProblem("eventTypes[" + i + "]", "is not an event type; known: "
                        + String.join(", ", WebhookEventType.wireNames())));
            } else if (type != null) {
                types.add(type);
            }
        }
        return List.copyOf(types);
    }
}
