package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountCreated;
import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountStatusChanged;
import io.cascade.accounts.api.AccountUpdated;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.billing.api.BillingRunCompleted;
import io.cascade.billing.api.Balances;
import io.cascade.billing.api.BillingRuns;
import io.cascade.billing.api.DocumentsIssued;
import io.cascade.billing.api.InvoiceKind;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.IssuedDocument;
import io.cascade.billing.api.PaymentRecorded;
import io.cascade.billing.api.PaymentsRecorded;
import io.cascade.identity.api.StaffManagement;
import io.cascade.identity.api.UserActivated;
import io.cascade.identity.api.UserInvited;
import io.cascade.provisioning.api.ProvisioningTaskFinished;
import io.cascade.provisioning.api.ProvisioningTaskView;
import io.cascade.provisioning.api.ProvisioningTasks;
import io.cascade.shared.Caller;
import io.cascade.subscriptions.api.SubscriptionManagement;
import io.cascade.subscriptions.api.SubscriptionsChanged;
import io.cascade.usage.api.UsageLimitReached;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns the events of the other modules into webhook deliveries: plain synchronous listeners in the changing
 * transaction, so a delivery exists exactly when the change commits. Per event one statement finds the enabled
 * endpoints that listen to its type and see its account (the account's own and those of every account above it);
 * when there is none, nothing else happens — no resource is loaded and nothing is written. Otherwise each resource is
 * loaded once, as the API shows it (read as the platform), and one outbox row per endpoint and resource is written in
 * one batch, ordered per {@code endpointId:resourceId}.
 */
@Component
class WebhookFanOut {
    private final WebhookEndpoints endpoints;
    private final Outbox outbox;
    private final AccountScope scope;
    private final AccountManagement accounts;
    private final StaffManagement staff;
    private final SubscriptionManagement subscriptions;
    private final ProvisioningTasks tasks;
    private final InvoiceManagement invoices;
    private final BillingRuns runs;
    private final Balances balances;
    private final JsonMapper json;
    private final Clock clock;
    private volatile ScopedAccount provider;

    WebhookFanOut(WebhookEndpoints endpoints, Outbox outbox, AccountScope scope, AccountManagement accounts,
                  StaffManagement staff, SubscriptionManagement subscriptions, ProvisioningTasks tasks,
                  InvoiceManagement invoices, BillingRuns runs, Balances balances, JsonMapper json, Clock clock) {
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.scope = scope;
        this.accounts = accounts;
        this.staff = staff;
        this.subscriptions = subscriptions;
        this.tasks = tasks;
        this.invoices = invoices;
        this.runs = runs;
        this.balances = balances;
        this.json = json;
        this.clock = clock;
    }

    /** A resource an event is about, and the account whose subtree it belongs to. */
    record Subject(UUID resourceId, UUID accountId) {
    }

    @EventListener
    void on(AccountCreated event) {
        fanOut(WebhookEventType.ACCOUNT_CREATED, List.of(new Subject(event.accountId(), event.accountId())),
                id -> accounts.get(platform(), id));
    }

    @EventListener
    void on(AccountUpdated event) {
        fanOut(WebhookEventType.ACCOUNT_UPDATED, List.of(new Subject(event.accountId(), event.accountId())),
                id -> accounts.get(platform(), id));
    }

    /**
     * Every account the change reached (the one acted on and those of its cascade) is an event of its own. A pending
     * account's activation has no type of its own: its status changed, so it is an {@code account.updated}.
     */
    @EventListener
    void on(AccountStatusChanged event) {
        WebhookEventType type = switch (event.change()) {
            case SUSPENDED -> WebhookEventType.ACCOUNT_SUSPENDED;
            case RESUMED -> WebhookEventType.ACCOUNT_RESUMED;
            case TERMINATED -> WebhookEventType.ACCOUNT_TERMINATED;
            case ACTIVATED -> WebhookEventType.ACCOUNT_UPDATED;
        };
        fanOut(type, event.accountIds().stream().map(id -> new Subject(id, id)).toList(),
                id -> accounts.get(platform(), id));
    }

    @EventListener
    void on(UserInvited event) {
        fanOut(WebhookEventType.USER_INVITED, List.of(new Subject(event.userId(), event.accountId())),
                id -> staff.user(platform(), id)); // the view never carries the invitation token
    }

    @EventListener
    void on(UserActivated event) {
        fanOut(WebhookEventType.USER_ACTIVATED, List.of(new Subject(event.userId(), event.accountId())),
                id -> staff.user(platform(), id));
    }

    @EventListener
    void on(SubscriptionsChanged event) {
        WebhookEventType type = switch (event.change()) {
            case CREATED -> WebhookEventType.SUBSCRIPTION_CREATED;
            case CHANGED -> WebhookEventType.SUBSCRIPTION_CHANGED;
            case SUSPENDED -> WebhookEventType.SUBSCRIPTION_SUSPENDED;
            case RESUMED -> WebhookEventType.SUBSCRIPTION_RESUMED;
            case CANCELLED -> WebhookEventType.SUBSCRIPTION_CANCELLED;
        };
        fanOut(type, event.subscriptions().stream().map(c -> new Subject(c.subscriptionId(), c.accountId()))
                .toList(), id -> subscriptions.get(platform(), id));
    }

    /** The task's own account reads a neutral error, as in the API (ADR 0024); the vendors above read it all. */
    @EventListener
    void on(ProvisioningTaskFinished event) {
        WebhookEventType type = event.done() ? WebhookEventType.PROVISIONING_TASK_DONE
                : WebhookEventType.PROVISIONING_TASK_FAILED;
        if (!endpoints.anyListening(List.of(type.wire()))) {
            return;
        }
        ProvisioningTaskView task = tasks.get(platform(), event.taskId());
        fanOut(type, List.of(new Subject(task.id(), task.accountId())), id -> task,
                (view, endpointAccount) -> endpointAccount.equals(task.accountId())
                        ? ((ProvisioningTaskView) view).withNeutralError() : view);
    }

    /**
     * One event per billing chunk: one statement when nobody listens; else one statement for who was billed, and only
     * the documents an endpoint sees are loaded (a chunk of a thousand buyers mostly concerns no endpoint at all).
     */
    @EventListener
    void on(DocumentsIssued event) {
        if (event.documentIds().isEmpty() || !endpoints.anyListening(List.of(
                WebhookEventType.INVOICE_ISSUED.wire(), WebhookEventType.CREDIT_NOTE_ISSUED.wire()))) {
            return;
        }
        Map<UUID, IssuedDocument> documents = new HashMap<>();
        invoices.issued(platform(), event.documentIds()).forEach(d -> documents.put(d.id(), d));
        List<Subject> issued = new ArrayList<>();
        List<Subject> credited = new ArrayList<>();
        for (UUID id : event.documentIds()) {
            IssuedDocument document = documents.get(id);
            if (document != null) {
                (document.kind() == InvoiceKind.CREDIT_NOTE ? credited : issued)
                        .add(new Subject(id, document.buyerAccountId()));
            }
        }
        fanOut(WebhookEventType.INVOICE_ISSUED, issued, id -> invoices.get(platform(), id));
        fanOut(WebhookEventType.CREDIT_NOTE_ISSUED, credited, id -> invoices.get(platform(), id));
    }

    /** The payment as {@code GET /payments/{id}} shows it: amount, day, method, its allocations and credit. */
    @EventListener
    void on(PaymentRecorded event) {
        on(new PaymentsRecorded(List.of(event)));
    }

    /** Many payments at once (a bank statement's): the endpoints are looked up once for all of them. */
    @EventListener
    void on(PaymentsRecorded event) {
        List<Subject> subjects = new ArrayList<>();
        for (PaymentRecorded p : event.payments()) {
            subjects.add(new Subject(p.paymentId(), p.buyerId()));
        }
        fanOut(WebhookEventType.PAYMENT_RECORDED, subjects, id -> balances.payment(platform(), id));
    }

    /** Billing runs are the platform's: only the provider's endpoints see them. */
    @EventListener
    void on(BillingRunCompleted event) {
        fanOut(WebhookEventType.BILLING_RUN_COMPLETED, List.of(new Subject(event.runId(), provider().id())),
                id -> runs.get(platform(), id));
    }

    @EventListener
    void on(UsageLimitReached event) {
        fanOut(WebhookEventType.USAGE_LIMIT_REACHED, List.of(new Subject(event.subscriptionId(), event.accountId())),
                id -> event);
    }

    /** A metered resource stopped at its HARD limit, or started again: the stop as the subscription shows it. */
    @EventListener
    void on(io.cascade.subscriptions.api.LimitStopsChanged event) {
        WebhookEventType type = event.change() == io.cascade.subscriptions.api.LimitStopsChanged.Change.STOPPED
                ? WebhookEventType.USAGE_LIMIT_ENFORCED : WebhookEventType.USAGE_LIMIT_LIFTED;
        for (io.cascade.subscriptions.api.LimitStop stop : event.stops()) {
            fanOut(type, List.of(new Subject(stop.subscriptionId(), stop.accountId())), id -> stop);
        }
    }

    private void fanOut(WebhookEventType type, List<Subject> subjects, Function<UUID, Object> load) {
        fanOut(type, subjects, load, (view, endpointAccount) -> view);
    }

    /**
     * One outbox row per listening endpoint and subject: {@code {"type", "timestamp", "occurredAt", "accountId",
     * "data"}} (Standard Webhooks' envelope plus the fields of docs/api.md), keyed {@code endpointId:resourceId}.
     */
    private void fanOut(WebhookEventType type, List<Subject> subjects, Function<UUID, Object> load,
                        BiFunction<Object, UUID, Object> seenBy) {
        if (subjects.isEmpty()) {
            return;
        }
        List<WebhookEndpoints.Listener> listeners = endpoints.listening(type.wire(),
                subjects.stream().map(Subject::accountId).toList());
        if (listeners.isEmpty()) {
            return;
        }
        Map<UUID, List<Subject>> byAccount = new HashMap<>();
        subjects.forEach(s -> byAccount.computeIfAbsent(s.accountId(), a -> new ArrayList<>()).add(s));
        Map<UUID, Object> loaded = new HashMap<>();
        Instant now = clock.instant();
        List<WebhookDraft> drafts = new ArrayList<>();
        for (Subject subject : subjects) {
            for (WebhookEndpoints.Listener listener : listeners) {
                if (!listener.subjectAccountId().equals(subject.accountId())) {
                    continue;
                }
                Object data = seenBy.apply(loaded.computeIfAbsent(subject.resourceId(), load),
                        listener.endpointAccountId());
                drafts.add(new WebhookDraft(listener.endpointId(), listener.endpointAccountId(), type.wire(),
                        listener.endpointId() + ":" + subject.resourceId(), body(type, now, subject.accountId(), data)));
            }
        }
        outbox.webhooks(drafts);
    }

    private String body(WebhookEventType type, Instant now, UUID accountId, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wire());
        body.put("timestamp", now.toString());
        body.put("occurredAt", now.toString());
        body.put("accountId", accountId);
        body.put("data", data);
        return json.writeValueAsString(body);
    }

    /** The platform itself, which reads every resource as the API shows it to the provider. */
    private Caller platform() {
        ScopedAccount root = provider();
        return Caller.system(root.id(), root.path(), "webhooks");
    }

    private ScopedAccount provider() {
        ScopedAccount root = provider;
        if (root == null) {
            root = scope.provider().orElseThrow();
            provider = root;
        }
        return root;
    }
}
