package io.cascade.messages.internal;

import io.cascade.messages.api.NewWebhookEndpoint;
import io.cascade.messages.api.WebhookDeliveryView;
import io.cascade.messages.api.WebhookEndpointUpdate;
import io.cascade.messages.api.WebhookEndpointView;
import io.cascade.messages.api.Webhooks;
import io.cascade.platform.api.JsonMergePatch;
import io.cascade.platform.api.OneTimeSecrets;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.UUID;

@RestController
@Tag(name = "Webhooks", description = "Endpoints of integrators that receive the events of an account's subtree, signed as Standard Webhooks says, with their delivery logs")
class WebhookController {
    private static final String BASE = "/api/v1/accounts/{accountId}/webhook-endpoints";

    private final Webhooks webhooks;
    private final JsonMergePatch mergePatch;

    WebhookController(Webhooks webhooks, JsonMergePatch mergePatch) {
        this.webhooks = webhooks;
        this.mergePatch = mergePatch;
    }

    @GetMapping(BASE)
    @Operation(operationId = "listWebhookEndpoints", summary = "An account's webhook endpoints, in the order they were registered")
    Page<WebhookEndpointView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String cursor) {
        return webhooks.list(caller, accountId, limit, cursor);
    }

    @PostMapping(BASE)
    @Operation(operationId = "createWebhookEndpoint", summary = "Register a webhook endpoint; its signing secret (whsec_…) is in this answer only")
    @ApiResponse(responseCode = "201", description = "The endpoint with its secret, shown once", headers = {@Header(name = "Location"), @Header(name = "ETag")})
    ResponseEntity<WebhookEndpointView> create(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                               @RequestBody NewWebhookEndpoint request, HttpServletRequest http) {
        WebhookEndpointView created = webhooks.create(caller, accountId, request);
        OneTimeSecrets.mark(http);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/accounts/" + accountId + "/webhook-endpoints/" + created.id()))
                .eTag(Etags.of(created.version())).body(created);
    }

    @GetMapping(BASE + "/{endpointId}")
    @Operation(operationId = "getWebhookEndpoint", summary = "One webhook endpoint (never its secret)")
    @ApiResponse(responseCode = "200", description = "The endpoint", headers = @Header(name = "ETag"))
    ResponseEntity<WebhookEndpointView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                            @PathVariable UUID endpointId) {
        WebhookEndpointView endpoint = webhooks.get(caller, accountId, endpointId);
        return ResponseEntity.ok().eTag(Etags.of(endpoint.version())).body(endpoint);
    }

    @PatchMapping(path = BASE + "/{endpointId}", consumes = {"application/json", "application/merge-patch+json"})
    @Operation(operationId = "updateWebhookEndpoint", summary = "Change an endpoint's URL, description, event types or whether it is enabled (JSON merge patch; If-Match)")
    @ApiResponse(responseCode = "200", description = "The changed endpoint", headers = @Header(name = "ETag"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = WebhookEndpointUpdate.class)))
    ResponseEntity<WebhookEndpointView> patch(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                              @PathVariable UUID endpointId,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @RequestBody JsonNode patch) {
        WebhookEndpointView endpoint = webhooks.update(caller, accountId, endpointId, ifMatch,
                current -> mergePatch.apply(current, patch, WebhookEndpointUpdate.class));
        return ResponseEntity.ok().eTag(Etags.of(endpoint.version())).body(endpoint);
    }

    @DeleteMapping(BASE + "/{endpointId}")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Remove a webhook endpoint; its waiting deliveries fail")
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> delete(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                @PathVariable UUID endpointId) {
        webhooks.delete(caller, accountId, endpointId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(BASE + "/{endpointId}/rotate-secret")
    @Operation(operationId = "rotateWebhookEndpointSecret", summary = "A new signing secret, shown once; the old one signs alongside for cascade.webhooks.secret-overlap")
    @ApiResponse(responseCode = "200", description = "The endpoint with its new secret, shown once", headers = @Header(name = "ETag"))
    ResponseEntity<WebhookEndpointView> rotate(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                               @PathVariable UUID endpointId, HttpServletRequest http) {
        WebhookEndpointView endpoint = webhooks.rotateSecret(caller, accountId, endpointId);
        OneTimeSecrets.mark(http);
        return ResponseEntity.ok().eTag(Etags.of(endpoint.version())).body(endpoint);
    }

    @GetMapping(BASE + "/{endpointId}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "An endpoint's delivery log, newest first: status, attempts, last answer code")
    Page<WebhookDeliveryView> deliveries(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                         @PathVariable UUID endpointId,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        return webhooks.deliveries(caller, accountId, endpointId, limit, cursor);
    }

    @GetMapping(BASE + "/{endpointId}/deliveries/{deliveryId}")
    @Operation(operationId = "getWebhookDelivery", summary = "One delivery of an endpoint")
    WebhookDeliveryView delivery(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                 @PathVariable UUID endpointId, @PathVariable UUID deliveryId) {
        return webhooks.delivery(caller, accountId, endpointId, deliveryId);
    }

    @PostMapping(BASE + "/{endpointId}/deliveries/{deliveryId}/redeliver")
    @Operation(operationId = "redeliverWebhook", summary = "Send a delivery again (also a failed one), with the same webhook-id")
    @ApiResponse(responseCode = "202", description = "Queued again; the log shows how it went")
    ResponseEntity<WebhookDeliveryView> redeliver(@Parameter(hidden = true) Caller caller,
                                                  @PathVariable UUID accountId, @PathVariable UUID endpointId,
                                                  @PathVariable UUID deliveryId) {
        return ResponseEntity.accepted().body(webhooks.redeliver(caller, accountId, endpointId, deliveryId));
    }
}
