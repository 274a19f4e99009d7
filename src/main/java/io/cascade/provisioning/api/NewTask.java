package io.cascade.provisioning.api;

import java.util.Map;
import java.util.UUID;

/**
 * A provisioning operation to carry out for a subject of an account. The service's adapter decides how; the task is
 * written in the caller's transaction, so it exists exactly when the change that asked for it commits.
 *
 * @param accountId      the account consuming the service (from a scoped read, never from a client as is)
 * @param accountPath    its materialized path (tasks are listed and scoped by it)
 * @param serviceId      the service whose adapter carries it out
 * @param operation      what to do
 * @param subjectType    what is provisioned: {@code SUBSCRIPTION}, {@code SERVICE_USER}, {@code ASSET}, ...
 * @param subjectId      its id; tasks of one subject run one after another, in the order they were requested
 * @param subscriptionId the subscription the subject belongs to, if any
 * @param payload        JSON-serializable facts for the adapter; never a password or other secret
 */
public record NewTask(UUID accountId, String accountPath, UUID serviceId, Operation operation, String subjectType,
                      UUID subjectId, UUID subscriptionId, Map<String, Object> payload) {

    public static final String SUBSCRIPTION = "SUBSCRIPTION";

    public NewTask {
        payload = payload == null ? Map.of() : Map.copyOf(payload);
    }
}
