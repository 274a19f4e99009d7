package io.cascade.payments.internal;

import io.cascade.payments.api.GatewayCallback;
import io.cascade.shared.RequestIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.UUID;

/** Where a payment gateway confirms a checkout; authenticated by the gateway's signature, not by a token. */
@RestController
@Tag(name = "Online payments")
class OnlinePaymentCallbackController {
    private final OnlinePaymentCallbacks callbacks;

    OnlinePaymentCallbackController(OnlinePaymentCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @PostMapping(path = "/api/v1/payment-callbacks/{gatewayId}", consumes = "application/json")
    @Operation(operationId = "confirmOnlinePayment", summary = "A payment gateway's confirmation of a checkout (the "
            + "http gateway: {type, timestamp, data: {id, reference, status: PAID|FAILED|CANCELLED, amount}}), signed "
            + "as Standard Webhooks says with the issuer's signing secret; gatewayId is in the callback URL of the "
            + "issuer's gateway settings")
    @SecurityRequirement(name = "webhookSignature")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(type = "string",
            description = "The gateway's message, exactly as signed")))
    @ApiResponse(responseCode = "200", description = "Taken (or a replay of a message taken before, answered alike)")
    @ApiResponse(responseCode = "401", description = "No valid signature of the gateway's secret, a webhook-timestamp more than 5 minutes off, or an unknown gateway: the same answer (invalid-signature); nothing is recorded")
    @ApiResponse(responseCode = "422", description = "Authentic, but unreadable or naming no checkout of this gateway (invalid-input); nothing is recorded")
    OnlinePaymentReceipt confirm(@PathVariable UUID gatewayId,
                                 @Parameter(hidden = true) @RequestHeader Map<String, String> headers,
                                 @RequestBody(required = false) String body, HttpServletRequest request) {
        Object requestId = request.getAttribute(RequestIds.ATTRIBUTE);
        return callbacks.receive(gatewayId, new GatewayCallback(headers, body),
                requestId == null ? null : requestId.toString());
    }
}
