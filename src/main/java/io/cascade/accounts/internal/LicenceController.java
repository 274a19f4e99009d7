package io.cascade.accounts.internal;

import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.LicenceTerms;
import io.cascade.accounts.api.LicenceView;
import io.cascade.accounts.api.Licences;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@Tag(name = "Licences", description = "The features an account may use (reseller, SIM management, own products, storefront, API access, white label), granted by its vendor with optional seats and end date")
class LicenceController {
    private static final String BASE = "/api/v1/accounts/{accountId}/licences";

    private final Licences licences;

    LicenceController(Licences licences) {
        this.licences = licences;
    }

    @GetMapping(BASE)
    @Operation(operationId = "listLicences", summary = "An account's licences, by feature (the provider's: every feature, inherited)")
    Page<LicenceView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        return new Page<>(licences.list(caller, accountId), null);
    }

    @GetMapping(BASE + "/{feature}")
    @Operation(operationId = "getLicence", summary = "One licence of an account (404 when it holds none for the feature)")
    @ApiResponse(responseCode = "200", description = "The licence", headers = @Header(name = "ETag"))
    ResponseEntity<LicenceView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                    @PathVariable Feature feature) {
        LicenceView licence = licences.get(caller, accountId, feature);
        return ResponseEntity.ok().eTag(Etags.of(licence.version())).body(licence);
    }

    @PutMapping(BASE + "/{feature}")
    @Operation(operationId = "grantLicence", summary = "Grant a feature to an account below yours, or change its seats and end (never more than its vendor holds; If-Match guards a change)")
    @ApiResponse(responseCode = "200", description = "The changed licence", headers = @Header(name = "ETag"))
    @ApiResponse(responseCode = "201", description = "The new licence", headers = @Header(name = "ETag"))
    ResponseEntity<LicenceView> grant(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                      @PathVariable Feature feature,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @RequestBody(required = false) LicenceTerms terms) {
        Licences.Granted granted = licences.grant(caller, accountId, feature, terms, ifMatch);
        return ResponseEntity.status(granted.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .eTag(Etags.of(granted.licence().version())).body(granted.licence());
    }

    @DeleteMapping(BASE + "/{feature}")
    @Operation(operationId = "revokeLicence", summary = "Revoke a feature from an account, and so from its whole subtree")
    @ApiResponse(responseCode = "204", description = "Revoked")
    ResponseEntity<Void> revoke(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                @PathVariable Feature feature,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        licences.revoke(caller, accountId, feature, ifMatch);
        return ResponseEntity.noContent().build();
    }
}
