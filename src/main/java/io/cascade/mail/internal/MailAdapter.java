package io.cascade.mail.internal;

import io.cascade.mail.api.MailboxState;
import io.cascade.mail.api.ServiceUsers;
import io.cascade.provisioning.api.NewTask;
import io.cascade.provisioning.api.Outcome;
import io.cascade.provisioning.api.ProvisioningAdapter;
import io.cascade.provisioning.api.ProvisioningRequest;
import io.cascade.shared.FieldProblem;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hosted mailboxes. It keeps the mailbox directory that the mail server reads (the {@code mail_directory} view):
 * a mailbox ({@link ServiceUsers#MAILBOX} subject) goes live when provisioned and is removed when deprovisioned;
 * a mail subscription's suspension, resumption and cancellation ({@code SUBSCRIPTION} subject) suspend, restore and
 * remove all of its mailboxes, and a HARD limit on one of its metered resources stops them receiving until it is lifted
 * ({@link #enforce}). Every operation is idempotent (a state moves only from the
 * states it may come from), so running a task again after a crash changes nothing.
 */
@Component
class MailAdapter implements ProvisioningAdapter {
    private final Mailboxes mailboxes;
    private final Clock clock;

    MailAdapter(Mailboxes mailboxes, Clock clock) {
        this.mailboxes = mailboxes;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "mail";
    }

    @Override
    public List<FieldProblem> checkConfig(Map<String, Object> config) {
        List<FieldProblem> problems = new ArrayList<>();
        Object type = config.get("mailboxResourceType");
        if (!(type instanceof String text) || text.isBlank() || text.length() > 64) {
            problems.add(new FieldProblem("mailboxResourceType",
                    "must name the service's resource type that counts mailboxes, e.g. mailbox"));
        }
        for (String key : config.keySet()) {
            if (!key.equals("mailboxResourceType")) {
                problems.add(new FieldProblem(key, "is not a setting of the mail adapter (mailboxResourceType)"));
            }
        }
        return problems;
    }

    @Override
    public Outcome provision(ProvisioningRequest request) {
        if (isMailbox(request)) {
            mailboxes.activate(request.subjectId());
        }
        return Outcome.done(); // a mail subscription itself needs nothing: its mailboxes are provisioned one by one
    }

    /**
     * A mailbox's new settings (its quota, aliases and forwarding, as its task's payload holds them) go into the
     * directory the mail server reads; a mail subscription's new quantities need nothing here.
     */
    @Override
    public Outcome change(ProvisioningRequest request) {
        if (isMailbox(request)) {
            Map<String, Object> payload = request.payload();
            mailboxes.applyDirectory(request.subjectId(), ((Number) payload.get("quotaMb")).intValue(),
                    texts(payload.get("aliases")), texts(payload.get("forwardTo")),
                    !Boolean.FALSE.equals(payload.get("keepCopy")));
        }
        return Outcome.done();
    }

    private static List<String> texts(Object list) {
        return list instanceof List<?> items ? items.stream().map(String::valueOf).toList() : List.of();
    }

    @Override
    public Outcome suspend(ProvisioningRequest request) {
        mailboxes.move(column(request), request.subjectId(), List.of(MailboxState.ACTIVE), MailboxState.SUSPENDED);
        return Outcome.done();
    }

    @Override
    public Outcome resume(ProvisioningRequest request) {
        mailboxes.move(column(request), request.subjectId(), List.of(MailboxState.SUSPENDED), MailboxState.ACTIVE);
        return Outcome.done();
    }

    @Override
    public Outcome deprovision(ProvisioningRequest request) {
        mailboxes.move(column(request), request.subjectId(), List.of(MailboxState.PENDING, MailboxState.ACTIVE,
                MailboxState.SUSPENDED), MailboxState.REMOVED);
        if (NewTask.SUBSCRIPTION.equals(request.subjectType())) {
            mailboxes.resumeReceiving(request.subjectId(), null); // a cancelled subscription's stops end with it
        }
        return Outcome.done();
    }

    /**
     * A HARD limit on a metered resource of a mail subscription (storage, say) was reached (ADR 0039): its mailboxes
     * stop receiving, as mailboxes over their quota do — the mail server refuses their addresses with {@code 552 5.2.2}
     * ({@code mail_recipient_access}), routes nothing to or from them ({@code mail_aliases}) and shows them not
     * {@code receiving} ({@code mail_directory}) — while their users still sign in, read and send. Mailboxes created
     * meanwhile are stopped too (the stop belongs to the subscription). The stop holds until {@link #lift}.
     */
    @Override
    public Outcome enforce(ProvisioningRequest request) {
        String type = resourceType(request);
        if (type == null || request.subscriptionId() == null) {
            return Outcome.failed("An ENFORCE task of the mail adapter needs its subscription and "
                    + "payload.resourceType.");
        }
        mailboxes.stopReceiving(request.subscriptionId(), request.accountId(), type, clock.instant());
        return Outcome.done();
    }

    /** The limit was raised or a new month began: the mailboxes receive again (unless another resource is stopped). */
    @Override
    public Outcome lift(ProvisioningRequest request) {
        String type = resourceType(request);
        if (type == null || request.subscriptionId() == null) {
            return Outcome.failed("A LIFT task of the mail adapter needs its subscription and payload.resourceType.");
        }
        mailboxes.resumeReceiving(request.subscriptionId(), type);
        return Outcome.done();
    }

    private static String resourceType(ProvisioningRequest request) {
        Object type = request.payload() == null ? null : request.payload().get("resourceType");
        return type instanceof String text && !text.isBlank() ? text : null;
    }

    private static boolean isMailbox(ProvisioningRequest request) {
        return ServiceUsers.MAILBOX.equals(request.subjectType());
    }

    private static String column(ProvisioningRequest request) {
        return NewTask.SUBSCRIPTION.equals(request.subjectType()) ? "subscription_id" : "id";
    }
}
