package io.cascade.provisioning.internal;

import io.cascade.nodes.api.NodeCameBack;
import io.cascade.platform.api.Jobs;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A service node is back from DOWN: the tasks waiting for it run now, scheduled in the transaction that records the
 * node's return (so they are woken exactly when it commits).
 */
@Component
class NodeFollower {
    private final Tasks tasks;
    private final Jobs jobs;

    NodeFollower(Tasks tasks, Jobs jobs) {
        this.tasks = tasks;
        this.jobs = jobs;
    }

    @EventListener
    void on(NodeCameBack event) {
        for (java.util.UUID id : tasks.pendingOnNode(event.nodeId())) {
            jobs.runSoon(ProvisioningJobs.TASK.instance(id.toString()).build());
        }
    }
}
