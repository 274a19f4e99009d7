package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountView;
import io.cascade.provisioning.api.ProvisioningTaskFinished;
import io.cascade.provisioning.api.ProvisioningTaskView;
import io.cascade.provisioning.api.ProvisioningTasks;
import io.cascade.provisioning.api.TaskStatus;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * Queues {@code provisioning-task-failed} when a task fails for good, in the transaction that records the failure. The
 * mail belongs to the vendor of the task's account (the provider for its own tasks): its staff see the error and may
 * retry the task, which the task's own account may not be told in detail.
 */
@Component
class ProvisioningMailListener {
    private final Outbox outbox;
    private final ProvisioningTasks tasks;
    private final MailParties parties;

    ProvisioningMailListener(Outbox outbox, ProvisioningTasks tasks, MailParties parties) {
        this.outbox = outbox;
        this.tasks = tasks;
        this.parties = parties;
    }

    @EventListener
    void on(ProvisioningTaskFinished event) {
        if (event.status() != TaskStatus.FAILED) {
            return;
        }
        ProvisioningTaskView task = tasks.get(parties.platform(), event.taskId());
        Optional<AccountView> account = parties.account(task.accountId());
        if (account.isEmpty()) {
            return;
        }
        outbox.mail(ProvisioningTaskFailedComposer.KIND, parties.vendorOf(account.get()),
                Map.of("taskId", task.id().toString()));
    }
}
