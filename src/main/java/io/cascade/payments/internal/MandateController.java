package io.cascade.payments.internal;

import io.cascade.payments.api.DirectDebitSettings;
import io.cascade.payments.api.MandateRequest;
import io.cascade.payments.api.MandateRevocation;
import io.cascade.payments.api.MandateStatus;
import io.cascade.payments.api.MandateView;
import io.cascade.payments.api.Mandates;
import io.cascade.shared.Caller;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/** SEPA Direct Debit mandates and the issuer's creditor identifier (ADR 0030). */
@RestController
@Tag(name = "Direct debit", description = "SEPA Direct Debit: mandates, collection runs (pain.008) and returns")
class MandateController {
    private final Mandates mandates;

    MandateController(Mandates mandates) {
        this.mandates = mandates;
    }

    @GetMapping("/api/v1/accounts/{accountId}/direct-debit-settings")
    @Operation(operationId = "getDirectDebitSettings", summary = "The issuer's SEPA creditor identifier (null: not set up)")
    DirectDebitSettings settings(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        return mandates.settings(caller, accountId);
    }

    @PutMapping("/api/v1/accounts/{accountId}/direct-debit-settings")
    @Operation(operationId = "setDirectDebitSettings", summary = "Set the issuer's SEPA creditor identifier (check digits "
            + "ISO 7064 MOD 97-10); null removes it")
    DirectDebitSettings setSettings(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                    @RequestBody DirectDebitSettings request) {
        return mandates.updateSettings(caller, accountId, request);
    }

    @PostMapping("/api/v1/accounts/{accountId}/mandates")
    @Operation(operationId = "createMandate", summary = "Record the mandate a buyer signed for the issuer (one active per buyer)")
    @ApiResponse(responseCode = "201", description = "The mandate", headers = @Header(name = "Location"))
    ResponseEntity<MandateView> create(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                       @RequestBody MandateRequest request) {
        MandateView mandate = mandates.create(caller, accountId, request);
        return ResponseEntity.created(URI.create("/api/v1/mandates/" + mandate.id())).body(mandate);
    }

    @GetMapping("/api/v1/accounts/{accountId}/mandates")
    @Operation(operationId = "listMandates", summary = "The mandates the account holds as issuer (role=ISSUER, the default; "
            + "of one buyer with buyerId) or has given as buyer (role=BUYER), newest first")
    Page<MandateView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                           @RequestParam(required = false) String role, @RequestParam(required = false) UUID buyerId,
                           @RequestParam(required = false) MandateStatus status,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String cursor) {
        return mandates.list(caller, accountId, role, buyerId, status, limit, cursor);
    }

    @GetMapping("/api/v1/mandates/{mandateId}")
    @Operation(operationId = "getMandate", summary = "One mandate (visible to the issuer and the buyer)")
    MandateView get(@Parameter(hidden = true) Caller caller, @PathVariable UUID mandateId) {
        return mandates.get(caller, mandateId);
    }

    @PostMapping("/api/v1/mandates/{mandateId}/revoke")
    @Operation(operationId = "revokeMandate", summary = "Revoke an active mandate (either side): no collection uses it any more")
    MandateView revoke(@Parameter(hidden = true) Caller caller, @PathVariable UUID mandateId,
                       @RequestBody(required = false) MandateRevocation request) {
        return mandates.revoke(caller, mandateId, request);
    }
}
