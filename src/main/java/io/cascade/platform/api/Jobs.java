package io.cascade.platform.api;

import com.github.kagkarlsson.scheduler.task.TaskInstance;

import java.util.List;

/**
 * The one job engine as the modules see it (db-scheduler on PostgreSQL, docs/adr/0017-one-job-engine.md). A module
 * defines its jobs as Spring beans of db-scheduler's {@code Task} type: recurring ones start by themselves, one-time
 * ones are scheduled here. An execution is a row of {@code scheduled_tasks} written in the caller's transaction, so it
 * exists exactly when the change that asked for it commits; any node runs it, never two at once, and a node that dies
 * leaves it to another.
 */
public interface Jobs {

    /**
     * Schedules the execution to run now, or moves a waiting execution with the same id to now (one that is running
     * stays as it is). Once the caller's transaction commits, this node looks for due executions at once.
     */
    void runSoon(TaskInstance<?> instance);

    /** Schedules new executions (ids not scheduled yet) to run now, in one batch; this node looks at once. */
    void runSoon(List<TaskInstance<?>> instances);
}
