package io.cascade.storefront.internal;

import io.cascade.catalog.api.PlanView;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.storefront.api.ApplicationStatus;
import io.cascade.storefront.api.ApplicationView;
import io.cascade.storefront.api.Confirmation;
import io.cascade.storefront.api.PublicStorefront;
import io.cascade.storefront.api.Rejection;
import io.cascade.storefront.api.SignUpReceipt;
import io.cascade.storefront.api.SignUpRequest;
import io.cascade.storefront.api.SignUps;
import io.cascade.storefront.api.StorefrontOffer;
import io.cascade.storefront.api.StorefrontSettings;
import io.cascade.storefront.api.StorefrontView;
import io.cascade.storefront.api.Storefronts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "Storefronts", description = "A vendor's public storefront, its sign-ups and their approval")
class StorefrontController {
    private final Storefronts storefronts;
    private final SignUps signUps;

    StorefrontController(Storefronts storefronts, SignUps signUps) {
        this.storefronts = storefronts;
        this.signUps = signUps;
    }

    @GetMapping("/api/v1/accounts/{accountId}/storefront")
    @Operation(operationId = "getStorefront", summary = "A vendor's storefront settings (defaults until it saves some)")
    @ApiResponse(responseCode = "200", description = "The storefront settings", headers = @Header(name = "ETag"))
    ResponseEntity<StorefrontView> settings(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        StorefrontView view = storefronts.settings(caller, accountId);
        return ResponseEntity.ok().eTag(Etags.of(view.version())).body(view);
    }

    @PutMapping("/api/v1/accounts/{accountId}/storefront")
    @Operation(operationId = "updateStorefront", summary = "Replace a vendor's storefront settings (If-Match with the "
            + "ETag guards against lost updates)")
    @ApiResponse(responseCode = "200", description = "The changed settings", headers = @Header(name = "ETag"))
    ResponseEntity<StorefrontView> update(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @RequestBody StorefrontSettings request) {
        StorefrontView view = storefronts.update(caller, accountId, ifMatch, request);
        return ResponseEntity.ok().eTag(Etags.of(view.version())).body(view);
    }

    @GetMapping("/api/v1/accounts/{accountId}/storefront/applications")
    @Operation(operationId = "listStorefrontApplications", summary = "A vendor's sign-ups, oldest first; by default "
            + "its approval queue (status=PENDING_APPROVAL)")
    Page<ApplicationView> applications(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                       @RequestParam(required = false) ApplicationStatus status,
                                       @RequestParam(required = false) Integer limit,
                                       @RequestParam(required = false) String cursor) {
        return storefronts.applications(caller, accountId, status, limit, cursor);
    }

    @GetMapping("/api/v1/storefront-applications/{applicationId}")
    @Operation(operationId = "getStorefrontApplication", summary = "One sign-up, for its vendor")
    ApplicationView application(@Parameter(hidden = true) Caller caller, @PathVariable UUID applicationId) {
        return storefronts.application(caller, applicationId);
    }

    @PostMapping("/api/v1/storefront-applications/{applicationId}/approve")
    @Operation(operationId = "approveStorefrontApplication", summary = "Approve a confirmed sign-up: creates the "
            + "customer account, its first administrator (invited to choose a password) and the subscription")
    @ApiResponse(responseCode = "200", description = "The activated sign-up, with its accountId")
    ApplicationView approve(@Parameter(hidden = true) Caller caller, @PathVariable UUID applicationId) {
        return storefronts.approve(caller, applicationId);
    }

    @PostMapping("/api/v1/storefront-applications/{applicationId}/reject")
    @Operation(operationId = "rejectStorefrontApplication", summary = "Reject a confirmed sign-up with a reason, "
            + "which is mailed to the applicant")
    @ApiResponse(responseCode = "200", description = "The rejected sign-up")
    ApplicationView reject(@Parameter(hidden = true) Caller caller, @PathVariable UUID applicationId,
                           @RequestBody Rejection request) {
        return storefronts.reject(caller, applicationId, request);
    }

    /** A storefront as JSON: its texts, plans with prices, tax rate, and a fresh order-form token. */
    record PublicOffer(String slug, String title, String intro, String vendorName, BigDecimal taxRatePercent,
                       List<PlanView> plans, String formToken) {
    }

    @GetMapping("/api/v1/storefronts/{slug}")
    @SecurityRequirements
    @Operation(operationId = "getPublicStorefront", summary = "An enabled storefront's plans with prices and a fresh "
            + "form token for a sign-up (public)")
    ResponseEntity<PublicOffer> publicStorefront(@PathVariable String slug, HttpServletRequest http) {
        PublicStorefront storefront = storefront(slug, http);
        StorefrontOffer offer = signUps.offer(storefront);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new PublicOffer(storefront.slug(), storefront.title(), storefront.intro(),
                        storefront.brand().displayName(), offer.taxRatePercent(), offer.plans(),
                        signUps.formToken(storefront)));
    }

    @PostMapping("/api/v1/storefronts/{slug}/sign-ups")
    @SecurityRequirements
    @Operation(operationId = "signUp", summary = "Sign up at a storefront (public): a confirmation link is mailed; "
            + "nothing else is created before it is followed")
    @ApiResponse(responseCode = "202", description = "Received; confirm from the mail")
    @ApiResponse(responseCode = "409", description = "The e-mail cannot sign up here again (email-taken, with errors)")
    @ApiResponse(responseCode = "422", description = "Bad fields (invalid-input, every one in errors), or the form "
            + "token is forged, too young, too old or used (form-token-rejected)")
    @ApiResponse(responseCode = "429", description = "Too many sign-ups from this address or for this e-mail "
            + "(sign-up-throttled)")
    ResponseEntity<SignUpReceipt> signUp(@PathVariable String slug, @RequestBody SignUpRequest request,
                                         HttpServletRequest http) {
        PublicStorefront storefront = storefront(slug, http);
        SignUpReceipt receipt = signUps.submit(storefront, request, http.getRemoteAddr(),
                SignUps.language(http.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/storefronts/" + storefront.slug())).body(receipt);
    }

    /** The token of a confirmation link. */
    record ConfirmRequest(@NotBlank @Size(max = 200) String token) {
    }

    @PostMapping("/api/v1/storefronts/{slug}/confirmations")
    @SecurityRequirements
    @Operation(operationId = "confirmSignUp", summary = "Confirm a sign-up with the token of its mailed link "
            + "(public): AUTOMATIC storefronts activate it, MANUAL ones queue it for approval")
    @ApiResponse(responseCode = "200", description = "What the confirmation did")
    Confirmation confirm(@PathVariable String slug, @RequestBody ConfirmRequest request, HttpServletRequest http) {
        return signUps.confirm(storefront(slug, http), request == null ? null : request.token());
    }

    private PublicStorefront storefront(String slug, HttpServletRequest http) {
        if (slug == null || slug.length() > 63) {
            throw new NotFoundException();
        }
        return signUps.find(slug, http.getServerName()).orElseThrow(NotFoundException::new);
    }
}
