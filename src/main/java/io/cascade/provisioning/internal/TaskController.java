package io.cascade.provisioning.internal;

import io.cascade.provisioning.api.ProvisioningTaskView;
import io.cascade.provisioning.api.ProvisioningTasks;
import io.cascade.provisioning.api.TaskStatus;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@Tag(name = "Provisioning", description = "Provisioning tasks: what was asked of the services' adapters, and retries")
class TaskController {
    private final ProvisioningTasks tasks;

    TaskController(ProvisioningTasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping("/api/v1/accounts/{accountId}/provisioning-tasks")
    @Operation(operationId = "listAccountProvisioningTasks", summary = "An account's provisioning tasks, newest first")
    Page<ProvisioningTaskView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                    @RequestParam(required = false) TaskStatus status,
                                    @RequestParam(required = false) UUID subscriptionId,
                                    @RequestParam(required = false) Integer limit,
                                    @RequestParam(required = false) String cursor) {
        return tasks.list(caller, accountId, status, subscriptionId, limit, cursor);
    }

    @GetMapping("/api/v1/provisioning-tasks")
    @Operation(operationId = "listFailedProvisioningTasks", summary = "The FAILED provisioning tasks of the caller's whole subtree, newest first")
    Page<ProvisioningTaskView> failed(@Parameter(hidden = true) Caller caller,
                                      @Parameter(description = "FAILED (the only status listed across the subtree)")
                                      @RequestParam TaskStatus status,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor) {
        if (status != TaskStatus.FAILED) {
            throw new InvalidInputException("status", "must be FAILED; an account's tasks of any status are listed "
                    + "under /api/v1/accounts/{accountId}/provisioning-tasks");
        }
        return tasks.failedInSubtree(caller, limit, cursor);
    }

    @GetMapping("/api/v1/provisioning-tasks/{taskId}")
    @Operation(operationId = "getProvisioningTask", summary = "One provisioning task")
    @ApiResponse(responseCode = "200", description = "The task", headers = @Header(name = "ETag"))
    ResponseEntity<ProvisioningTaskView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID taskId) {
        ProvisioningTaskView task = tasks.get(caller, taskId);
        return ResponseEntity.ok().eTag(Etags.of(task.version())).body(task);
    }

    @PostMapping("/api/v1/provisioning-tasks/{taskId}/complete")
    @Operation(operationId = "completeProvisioningTask", summary = "Mark a task carried out by hand as done (the vendor's staff; awaitingStaff tasks only)")
    @ApiResponse(responseCode = "200", description = "The task, DONE", headers = @Header(name = "ETag"))
    ResponseEntity<ProvisioningTaskView> complete(@Parameter(hidden = true) Caller caller, @PathVariable UUID taskId) {
        ProvisioningTaskView task = tasks.complete(caller, taskId);
        return ResponseEntity.ok().eTag(Etags.of(task.version())).body(task);
    }

    @PostMapping("/api/v1/provisioning-tasks/{taskId}/retry")
    @Operation(operationId = "retryProvisioningTask", summary = "Run a FAILED task again with fresh attempts (or a PENDING one now)")
    @ApiResponse(responseCode = "200", description = "The task, pending again", headers = @Header(name = "ETag"))
    ResponseEntity<ProvisioningTaskView> retry(@Parameter(hidden = true) Caller caller, @PathVariable UUID taskId) {
        ProvisioningTaskView task = tasks.retry(caller, taskId);
        return ResponseEntity.ok().eTag(Etags.of(task.version())).body(task);
    }

    @PostMapping("/api/v1/provisioning-tasks/{taskId}/cancel")
    @Operation(operationId = "cancelProvisioningTask", summary = "Cancel a FAILED or waiting MOVE between service nodes: the resource stays on its node (provider's staff)")
    @ApiResponse(responseCode = "200", description = "The task, cancelled", headers = @Header(name = "ETag"))
    ResponseEntity<ProvisioningTaskView> cancel(@Parameter(hidden = true) Caller caller, @PathVariable UUID taskId) {
        ProvisioningTaskView task = tasks.cancel(caller, taskId);
        return ResponseEntity.ok().eTag(Etags.of(task.version())).body(task);
    }
}
