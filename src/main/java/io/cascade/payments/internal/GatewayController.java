package io.cascade.payments.internal;

import io.cascade.payments.api.GatewayManagement;
import io.cascade.payments.api.GatewaySettings;
import io.cascade.payments.api.GatewaySettingsView;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@Tag(name = "Online payments")
class GatewayController {
    private static final String PATH = "/api/v1/accounts/{accountId}/payment-gateway";

    private final GatewayManagement gateways;

    GatewayController(GatewayManagement gateways) {
        this.gateways = gateways;
    }

    @GetMapping(PATH)
    @Operation(operationId = "getPaymentGateway", summary = "An issuer's payment gateway: kind, base URL, the secrets as hints, and the callback URL to give the payment service")
    @ApiResponse(responseCode = "200", description = "The gateway settings", headers = @Header(name = "ETag"))
    @ApiResponse(responseCode = "404", description = "The account has no gateway (or is outside the caller's subtree)")
    ResponseEntity<GatewaySettingsView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        GatewaySettingsView view = gateways.get(caller, accountId);
        return ResponseEntity.ok().eTag(Etags.of(view.version())).body(view);
    }

    @PutMapping(PATH)
    @Operation(operationId = "putPaymentGateway", summary = "Set an issuer's payment gateway (kind http: baseUrl, apiKey, signingSecret whsec_…); a secret left out keeps its value; If-Match")
    @ApiResponse(responseCode = "200", description = "The gateway settings, the secrets as hints", headers = @Header(name = "ETag"))
    ResponseEntity<GatewaySettingsView> put(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @RequestBody GatewaySettings request) {
        GatewaySettingsView view = gateways.put(caller, accountId, ifMatch, request);
        return ResponseEntity.ok().eTag(Etags.of(view.version())).body(view);
    }
}
