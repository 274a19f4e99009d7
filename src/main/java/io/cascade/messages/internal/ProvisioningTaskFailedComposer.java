package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountView;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceView;
import io.cascade.provisioning.api.ProvisioningTaskView;
import io.cascade.provisioning.api.ProvisioningTasks;
import io.cascade.provisioning.api.TaskStatus;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Privilege;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code provisioning-task-failed}: to the staff of the vendor of the task's account who may retry it — the active
 * staff members holding {@code SUBSCRIPTIONS_MANAGE}, the privilege a retry asks for (their account covers the task's)
 * — in the vendor's language, in the name and templates of the vendor's own vendor, with its support signature. The
 * mail quotes the task's error, which only the vendor's side sees. A task retried before the mail goes out is not
 * reported any more.
 */
@Component
class ProvisioningTaskFailedComposer implements MailComposer {
    static final String KIND = "provisioning-task-failed";

    private final ProvisioningTasks tasks;
    private final ServiceCatalog services;
    private final MailParties parties;

    ProvisioningTaskFailedComposer(ProvisioningTasks tasks, ServiceCatalog services, MailParties parties) {
        this.tasks = tasks;
        this.services = services;
        this.parties = parties;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        ProvisioningTaskView task;
        try {
            task = tasks.get(parties.platform(), UUID.fromString(MessageData.text(message, "taskId")));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        if (task.status() != TaskStatus.FAILED) {
            return Optional.empty();
        }
        Optional<AccountView> vendor = parties.account(message.accountId());
        Optional<AccountView> account = parties.account(task.accountId());
        if (vendor.isEmpty() || account.isEmpty()) {
            return Optional.empty();
        }
        MailParties.Recipients to = parties.holding(vendor.get().id(), Privilege.SUBSCRIPTIONS_MANAGE);
        if (to.none()) {
            return Optional.empty();
        }
        String service = services.settings(task.serviceId()).map(ServiceView::name).orElse(null);
        var model = MailParties.values(
                "task", MailParties.values("id", task.id().toString(), "operation", task.operation().name(),
                        "subjectType", task.subjectType(), "attempts", task.attempts(), "error", task.lastError(),
                        "finishedAt", task.finishedAt() == null ? null : task.finishedAt().toString()),
                "service", MailParties.values("name", service),
                "account", MailParties.values("name", account.get().companyName(),
                        "customerNumber", account.get().customerNumber()),
                "recipient", MailParties.values("name", to.name()));
        return Optional.of(new ComposedMail(to.to(), parties.vendorOf(vendor.get()), vendor.get().locale(),
                ComposedMail.Category.SUPPORT, model, List.of()).readBy(vendor.get()));
    }
}
