package io.cascade.provisioning.api;

import io.cascade.shared.FieldProblem;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plug-in point of provisioning: one Spring bean per adapter, chosen by a service's {@code adapter} id. Each
 * operation runs in a provisioning task, outside any database transaction, possibly again after a crash (so with the
 * same {@link ProvisioningRequest#taskId()}: be idempotent), and never for one subject while an earlier task of that
 * subject is still pending or running.
 */
public interface ProvisioningAdapter {

    /** The id a service names in its {@code adapter} field, e.g. {@code http}. */
    String id();

    /**
     * The problems of a service's {@code adapterConfig} for this adapter, checked when the provider defines the
     * service; field names relative to {@code adapterConfig} (e.g. {@code url}). A key the adapter does not know is a
     * problem too; by default an adapter has no settings at all, so every key is one.
     */
    default List<FieldProblem> checkConfig(Map<String, Object> config) {
        return config == null ? List.of() : config.keySet().stream().sorted()
                .map(key -> new FieldProblem(key, "is not a setting of the " + id() + " adapter (it has none)"))
                .toList();
    }

    /**
     * The settings of {@code adapterConfig} that name a resource type the adapter records usage as: the service
     * must declare that type {@code metered} (usage on a counted type is refused). None by default.
     */
    default Set<String> meteredTypeSettings() {
        return Set.of();
    }

    /**
     * True for an adapter with nothing to call (the {@code manual} adapter): its operations are carried out as they
     * are requested, inside the requesting transaction, and their tasks are recorded as already DONE.
     */
    default boolean immediate() {
        return false;
    }

    /**
     * True for an operation of an {@link #immediate()} adapter that a person carries out (the {@code manual} adapter's
     * ENFORCE and LIFT): it is not applied; its task is left RUNNING and {@code awaitingStaff}, an open to-do, until
     * the vendor's staff mark it done, so that nothing is recorded as done that nobody did.
     */
    default boolean byHand(Operation operation) {
        return false;
    }

    Outcome provision(ProvisioningRequest request);

    Outcome change(ProvisioningRequest request);

    Outcome suspend(ProvisioningRequest request);

    Outcome resume(ProvisioningRequest request);

    Outcome deprovision(ProvisioningRequest request);

    /**
     * Stops the metered resource the payload names ({@code resourceType}; with {@code limit}, {@code used} and
     * {@code period}, the month's first day) for the subscription: its usage reached the plan's HARD limit this month.
     * Usage reported meanwhile is still recorded; the stop holds until {@link #lift}. ADR 0039.
     */
    Outcome enforce(ProvisioningRequest request);

    /** Starts the resource an {@link #enforce} stopped again (the limit was raised, or a new month began). */
    Outcome lift(ProvisioningRequest request);

    /**
     * Moves a resource to another service node of its service ({@code payload.fromNode} and {@code payload.toNode}:
     * id, name, address). By default there is nothing to carry out: the resource's node is Cascade's record.
     */
    default Outcome move(ProvisioningRequest request) {
        return Outcome.done();
    }

    /**
     * Usage this adapter's systems measured since {@code since} for the service, collected periodically and stored
     * as usage records of the subscriptions (duplicates by record id are ignored). Adapters whose remote systems send
     * usage themselves ({@code POST /api/v1/usage}) report nothing.
     */
    default List<UsageReading> reportUsage(ProvisioningRequest.ServiceSettings service, Instant since) {
        return List.of();
    }

    /** Dispatches one request to the method of its operation. */
    default Outcome apply(ProvisioningRequest request) {
        return switch (request.operation()) {
            case PROVISION -> provision(request);
            case CHANGE -> change(request);
            case SUSPEND -> suspend(request);
            case RESUME -> resume(request);
            case DEPROVISION -> deprovision(request);
            case ENFORCE -> enforce(request);
            case LIFT -> lift(request);
            case MOVE -> move(request);
        };
    }
}
