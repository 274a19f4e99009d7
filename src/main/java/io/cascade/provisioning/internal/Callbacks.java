package io.cascade.provisioning.internal;

import io.cascade.platform.api.WebhookSignatures;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.provisioning.api.Outcome;
import io.cascade.provisioning.api.ProvisioningTaskView;
import io.cascade.provisioning.api.TaskStatus;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Completion reports of remote systems that answered 202. A report is a Standard Webhooks message signed with the
 * service's own secret; an unknown task and a bad signature get the same 401, so the endpoint tells nothing to a
 * caller without the secret. The signed body names the task it completes ({@code taskId}), so that a report signed
 * for one task of a service cannot complete another. A report for a task that already ended the same way is answered
 * again (a retried delivery) and changes nothing.
 */
@Component
class Callbacks {
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Set<String> FIELDS = Set.of("taskId", "status", "error", "externalRef");

    private final Tasks tasks;
    private final ServiceCatalog catalog;
    private final TaskCompletion completion;
    private final TaskRunner runner;
    private final JsonMapper json;
    private final Clock clock;

    Callbacks(Tasks tasks, ServiceCatalog catalog, TaskCompletion completion, TaskRunner runner, JsonMapper json,
              Clock clock) {
        this.tasks = tasks;
        this.catalog = catalog;
        this.completion = completion;
        this.runner = runner;
        this.json = json;
        this.clock = clock;
    }

    record Report(UUID taskId, TaskStatus status) {
    }

    @Transactional
    Report complete(UUID taskId, String id, String timestamp, String signature, String body) {
        ProvisioningTaskView task = tasks.find(taskId).map(Tasks.Row::task).orElseThrow(Callbacks::refused);
        byte[] key = catalog.settings(task.serviceId()).map(s -> s.adapterConfig() == null ? null
                        : s.adapterConfig().get("secret")).flatMap(WebhookSignatures::key)
                .orElseThrow(Callbacks::refused);
        long sent = parseTimestamp(timestamp);
        if (Math.abs(clock.instant().getEpochSecond() - sent) > TOLERANCE.toSeconds()
                || !WebhookSignatures.verify(key, id, sent, body == null ? "" : body, signature)) {
            throw refused();
        }
        JsonNode report = parse(body);
        if (!taskId.toString().equals(report.path("taskId").asString(null))) {
            throw new InvalidInputException("taskId", "must be the id of the task this report completes");
        }
        TaskStatus reported = switch (report.path("status").asString("")) {
            case "DONE" -> TaskStatus.DONE;
            case "FAILED" -> TaskStatus.FAILED;
            default -> throw new InvalidInputException("status", "must be DONE or FAILED");
        };
        String error = text(report, "error", 1000);
        String ref = text(report, "externalRef", 200);
        Tasks.Row locked = tasks.lock(taskId).orElseThrow();
        ProvisioningTaskView current = locked.task();
        if (current.status() == TaskStatus.RUNNING) {
            Outcome outcome = reported == TaskStatus.DONE ? Outcome.done(ref)
                    : Outcome.failed(error == null ? "The remote system reported a failure." : error);
            if (completion.record(current, locked.leaseToken(), outcome) != null) {
                runner.wakeNext(current);
            }
            return new Report(taskId, reported);
        }
        if (current.status() == reported) {
            return new Report(taskId, reported);
        }
        throw new RuleViolationException(Problem.TASK_NOT_RUNNING, "The task is " + current.status()
                + "; only a running task can be completed.", Map.of("status", current.status()));
    }

    private JsonNode parse(String body) {
        JsonNode node;
        try {
            node = json.readTree(body == null ? "" : body);
        } catch (RuntimeException e) {
            throw new InvalidInputException("body", "must be a JSON object {taskId, status, error?, externalRef?}");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object {taskId, status, error?, externalRef?}");
        }
        for (String field : node.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException(field, "is not a field of a completion report");
            }
        }
        return node;
    }

    private static String text(JsonNode report, String field, int max) {
        JsonNode node = report.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString() || node.asString().length() > max) {
            throw new InvalidInputException(field, "must be a string of at most " + max + " characters");
        }
        return node.asString();
    }

    private static long parseTimestamp(String timestamp) {
        try {
            return Long.parseLong(Optional.ofNullable(timestamp).orElse("").trim());
        } catch (NumberFormatException e) {
            throw refused();
        }
    }

    static RuleViolationException refused() {
        return new RuleViolationException(Problem.INVALID_SIGNATURE, "The message is not signed with the "
                + "service's secret (Standard Webhooks: webhook-id, webhook-timestamp within 5 minutes, "
                + "webhook-signature).");
    }
}
