package io.cascade.dunning.internal;

import io.cascade.dunning.api.DunningEvaluationResult;
import io.cascade.dunning.api.DunningPolicies;
import io.cascade.dunning.api.DunningPolicy;
import io.cascade.dunning.api.DunningState;
import io.cascade.dunning.api.DunningStates;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Dunning (issue 17): an issuer's policy, where its buyers stand, and the evaluation run by hand. */
@RestController
@Tag(name = "Dunning", description = "Dunning policies and where overdue buyers stand")
class DunningController {
    private final DunningPolicies policies;
    private final DunningStates states;

    DunningController(DunningPolicies policies, DunningStates states) {
        this.policies = policies;
        this.states = states;
    }

    @GetMapping("/api/v1/accounts/{accountId}/dunning-policy")
    @Operation(operationId = "getDunningPolicy", summary = "The issuer's dunning policy (the default while it has set none)")
    @ApiResponse(responseCode = "200", description = "The policy", headers = @Header(name = "ETag"))
    ResponseEntity<DunningPolicy> policy(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        DunningPolicies.Versioned current = policies.get(caller, accountId);
        return ResponseEntity.ok().eTag(Etags.of(current.version())).body(current.policy());
    }

    @PutMapping("/api/v1/accounts/{accountId}/dunning-policy")
    @Operation(operationId = "setDunningPolicy", summary = "Replace the issuer's dunning policy: its steps by days overdue and "
            + "overdue amount, and the grace period of a reseller's customers")
    @ApiResponse(responseCode = "200", description = "The policy", headers = @Header(name = "ETag"))
    ResponseEntity<DunningPolicy> setPolicy(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @RequestBody DunningPolicy request) {
        DunningPolicies.Versioned updated = policies.replace(caller, accountId, ifMatch, request);
        return ResponseEntity.ok().eTag(Etags.of(updated.version())).body(updated.policy());
    }

    @GetMapping("/api/v1/accounts/{accountId}/buyers/{buyerId}/dunning")
    @Operation(operationId = "getBuyerDunning", summary = "Where a buyer stands in the issuer's dunning: stage, history, next "
            + "step and its day")
    DunningState pair(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                      @PathVariable UUID buyerId) {
        return states.pair(caller, accountId, buyerId);
    }

    @GetMapping("/api/v1/accounts/{accountId}/dunning")
    @Operation(operationId = "getAccountDunning", summary = "The account's dunning as a buyer: one state per vendor")
    Map<String, List<DunningState>> ofBuyer(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        return Map.of("items", states.ofBuyer(caller, accountId));
    }

    @GetMapping("/api/v1/accounts/{accountId}/dunning/buyers")
    @Operation(operationId = "listBuyersInDunning", summary = "The issuer's buyers in dunning, oldest episode first")
    Page<DunningState> inDunning(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String cursor) {
        return states.inDunning(caller, accountId, limit, cursor);
    }

    @PostMapping("/api/v1/dunning/evaluations")
    @Operation(operationId = "evaluateDunning", summary = "Evaluate dunning now (the provider's staff; the daily job does it "
            + "anyway): end paid episodes, start new ones, take the steps due")
    DunningEvaluationResult evaluate(@Parameter(hidden = true) Caller caller) {
        return states.evaluate(caller);
    }
}
