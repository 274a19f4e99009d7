package io.cascade.provisioning.api;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * One operation for an adapter. {@code taskId} is stable across attempts: adapters use it as the idempotency key
 * (the {@code http} adapter sends it as {@code webhook-id}), because after a crash a task may be tried again although
 * the remote side already did it.
 *
 * @param taskId         the task, stable across attempts
 * @param operation      what to do
 * @param attempt        1 for the first attempt
 * @param accountId      the account that consumes the service
 * @param subscriptionId the subscription the subject belongs to (null when there is none)
 * @param service        the service with its adapter configuration, read when the task runs
 * @param subjectType    what is provisioned: {@code SUBSCRIPTION}, {@code SERVICE_USER}, {@code ASSET}, ...
 * @param subjectId      its id
 * @param payload        what the enqueuing module recorded for the adapter (quantities, a mailbox address, an ICCID)
 * @param callbackUrl    where a remote system that answered "accepted" reports completion
 */
public record ProvisioningRequest(UUID taskId, Operation operation, int attempt, UUID accountId, UUID subscriptionId,
                                  ServiceSettings service, String subjectType, UUID subjectId,
                                  Map<String, Object> payload, URI callbackUrl) {

    /** The service being provisioned, as the catalog holds it. */
    public record ServiceSettings(UUID id, String code, String adapter, Map<String, Object> config) {
    }
}
