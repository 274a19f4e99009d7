package io.cascade.messages.internal;

import io.cascade.messages.api.WebhookEndpointView;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps each endpoint's failure window after a batch of deliveries: a delivery that reached the endpoint closes it,
 * a failed one opens it (unless open). An endpoint whose every attempt failed for {@code cascade.webhooks.disable-after}
 * (a day by default), or that answered 410 Gone, is disabled: audited as the platform's doing, and its account's
 * administrators get the mail {@code webhook-endpoint-disabled}. Its later deliveries fail until a person enables it
 * again and redelivers them.
 */
@Component
class WebhookHealth {
    static final String MAIL_KIND = "webhook-endpoint-disabled";

    private final WebhookEndpoints endpoints;
    private final WebhookSettings settings;
    private final Outbox outbox;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;

    WebhookHealth(WebhookEndpoints endpoints, WebhookSettings settings, Outbox outbox, AccountScope scope,
                  AuditTrail audit, PlatformTransactionManager transactions) {
        this.endpoints = endpoints;
        this.settings = settings;
        this.outbox = outbox;
        this.scope = scope;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    void record(List<WebhookChannel.Sent> batch, Instant now) {
        Set<UUID> reached = new HashSet<>();
        Set<UUID> failed = new HashSet<>();
        Set<UUID> gone = new HashSet<>();
        for (WebhookChannel.Sent sent : batch) {
            if (sent.endpointId() == null || !sent.attempted()) {
                continue;
            }
            if (sent.delivery().delivered()) {
                reached.add(sent.endpointId());
            } else if (sent.gone()) {
                gone.add(sent.endpointId());
            } else {
                failed.add(sent.endpointId());
            }
        }
        failed.removeAll(reached);
        if (reached.isEmpty() && failed.isEmpty() && gone.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            endpoints.succeeded(reached);
            endpoints.failed(failed, now);
            List<Disabled> disabled = new ArrayList<>();
            for (UUID id : gone) {
                endpoints.disable(id, "The endpoint answered 410 Gone.", now)
                        .ifPresent(e -> disabled.add(new Disabled(e, "The endpoint answered 410 Gone.", true)));
            }
            String reason = "Every delivery failed for " + describe(settings.disableAfter()) + ".";
            endpoints.disableFailing(failed, now.minus(settings.disableAfter()), reason, now)
                    .forEach(e -> disabled.add(new Disabled(e, reason, false)));
            disabled.forEach(this::disabled);
        });
    }

    private record Disabled(WebhookEndpointView endpoint, String reason, boolean gone) {
    }

    private void disabled(Disabled disabled) {
        WebhookEndpointView endpoint = disabled.endpoint();
        ScopedAccount provider = scope.provider().orElseThrow();
        Caller platform = Caller.system(provider.id(), provider.path(), "webhooks");
        audit.record(new AuditRecord(platform, endpoint.accountId(), endpoint.accountPath(),
                "webhook-endpoint.disabled", Map.of("endpointId", endpoint.id(), "enabled", true),
                Map.of("endpointId", endpoint.id(), "enabled", false, "reason", disabled.reason())));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpoint.id().toString());
        data.put("url", endpoint.url());
        data.put("reason", disabled.reason());
        data.put("gone", disabled.gone());
        data.put("failingSince", endpoint.failingSince() == null ? null : endpoint.failingSince().toString());
        data.put("disabledAt", endpoint.disabledAt().toString());
        outbox.mail(MAIL_KIND, endpoint.accountId(), data);
    }

    private static String describe(java.time.Duration window) {
        if (window.toDays() > 0 && window.equals(java.time.Duration.ofDays(window.toDays()))) {
            return window.toDays() == 1 ? "a day" : window.toDays() + " days";
        }
        if (window.toHours() > 0 && window.equals(java.time.Duration.ofHours(window.toHours()))) {
            return window.toHours() == 1 ? "an hour" : window.toHours() + " hours";
        }
        return window.toSeconds() + " s";
    }
}
