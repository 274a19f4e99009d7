package io.cascade.subscriptions.internal;

import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.Page;
import io.cascade.subscriptions.api.AddonOrder;
import io.cascade.subscriptions.api.NewSubscription;
import io.cascade.subscriptions.api.Purpose;
import io.cascade.subscriptions.api.StatusChangeRequest;
import io.cascade.subscriptions.api.SubscriptionChangeRequest;
import io.cascade.subscriptions.api.SubscriptionManagement;
import io.cascade.subscriptions.api.SubscriptionStatus;
import io.cascade.subscriptions.api.SubscriptionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

@RestController
@Tag(name = "Subscriptions", description = "Buying plans, quantities, lifecycle with effective dates")
class SubscriptionController {
    private final SubscriptionManagement subscriptions;

    private final io.cascade.subscriptions.api.SubscriptionAddons addons;

    SubscriptionController(SubscriptionManagement subscriptions, io.cascade.subscriptions.api.SubscriptionAddons addons) {
        this.addons = addons;
        this.subscriptions = subscriptions;
    }

    @GetMapping("/api/v1/accounts/{accountId}/subscriptions")
    @Operation(operationId = "listSubscriptions", summary = "An account's subscriptions; purpose=RESALE lists a reseller's holdings, OWN_USE what it "
            + "consumes itself (My Provider)")
    Page<SubscriptionView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                @RequestParam(required = false) Purpose purpose,
                                @RequestParam(required = false) SubscriptionStatus status,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor) {
        return subscriptions.list(caller, accountId, purpose, status, limit, cursor);
    }

    @PostMapping("/api/v1/accounts/{accountId}/subscriptions")
    @Operation(operationId = "createSubscription", summary = "Subscribe an account to a plan of its vendor")
    @ApiResponse(responseCode = "201", description = "The subscription", headers = {@Header(name = "Location"), @Header(name = "ETag")})
    ResponseEntity<SubscriptionView> create(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                            @RequestBody NewSubscription request) {
        SubscriptionView created = subscriptions.create(caller, accountId, request);
        return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + created.id()))
                .eTag(Etags.of(created.version())).body(created);
    }

    @GetMapping("/api/v1/subscriptions/{subscriptionId}")
    @Operation(operationId = "getSubscription", summary = "One subscription")
    @ApiResponse(responseCode = "200", description = "The subscription", headers = @Header(name = "ETag"))
    ResponseEntity<SubscriptionView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID subscriptionId) {
        return withEtag(subscriptions.get(caller, subscriptionId));
    }

    @PostMapping("/api/v1/subscriptions/{subscriptionId}/change")
    @Operation(operationId = "changeSubscription", summary = "Change plan and/or quantities, from effectiveDate (default today)")
    @ApiResponse(responseCode = "200", description = "The changed subscription", headers = @Header(name = "ETag"))
    ResponseEntity<SubscriptionView> change(@Parameter(hidden = true) Caller caller,
                                            @PathVariable UUID subscriptionId,
                                            @RequestBody SubscriptionChangeRequest request) {
        return withEtag(subscriptions.change(caller, subscriptionId, request));
    }

    @PostMapping("/api/v1/subscriptions/{subscriptionId}/addons")
    @Operation(operationId = "orderAddon", summary = "Order an add-on of the subscription's plan, or set how many units of it it holds (from today)")
    @ApiResponse(responseCode = "200", description = "The subscription with its add-ons")
    SubscriptionView orderAddon(@Parameter(hidden = true) Caller caller, @PathVariable UUID subscriptionId,
                                @RequestBody AddonOrder order) {
        return addons.order(caller, subscriptionId, order);
    }

    @DeleteMapping("/api/v1/subscriptions/{subscriptionId}/addons/{addonId}")
    @Operation(operationId = "removeAddon", summary = "Remove an add-on from the subscription (from today; unused days are credited)")
    @ApiResponse(responseCode = "200", description = "The subscription with its add-ons")
    SubscriptionView removeAddon(@Parameter(hidden = true) Caller caller, @PathVariable UUID subscriptionId,
                                 @PathVariable UUID addonId) {
        return addons.remove(caller, subscriptionId, addonId);
    }

    @PostMapping("/api/v1/subscriptions/{subscriptionId}/suspend")
    @Operation(operationId = "suspendSubscription", summary = "Suspend (the vendor side), from effectiveDate")
    @ApiResponse(responseCode = "200", description = "The subscription", headers = @Header(name = "ETag"))
    ResponseEntity<SubscriptionView> suspend(@Parameter(hidden = true) Caller caller,
                                             @PathVariable UUID subscriptionId,
                                             @RequestBody(required = false) StatusChangeRequest request) {
        return withEtag(subscriptions.suspend(caller, subscriptionId, request));
    }

    @PostMapping("/api/v1/subscriptions/{subscriptionId}/resume")
    @Operation(operationId = "resumeSubscription", summary = "Resume (the vendor side), from effectiveDate")
    @ApiResponse(responseCode = "200", description = "The subscription", headers = @Header(name = "ETag"))
    ResponseEntity<SubscriptionView> resume(@Parameter(hidden = true) Caller caller,
                                            @PathVariable UUID subscriptionId,
                                            @RequestBody(required = false) StatusChangeRequest request) {
        return withEtag(subscriptions.resume(caller, subscriptionId, request));
    }

    @PostMapping("/api/v1/subscriptions/{subscriptionId}/cancel")
    @Operation(operationId = "cancelSubscription", summary = "Cancel, from effectiveDate or at the end of the billing period")
    @ApiResponse(responseCode = "200", description = "The subscription", headers = @Header(name = "ETag"))
    ResponseEntity<SubscriptionView> cancel(@Parameter(hidden = true) Caller caller,
                                            @PathVariable UUID subscriptionId,
                                            @RequestBody(required = false) StatusChangeRequest request) {
        return withEtag(subscriptions.cancel(caller, subscriptionId, request));
    }

    private static ResponseEntity<SubscriptionView> withEtag(SubscriptionView view) {
        return ResponseEntity.ok().eTag(Etags.of(view.version())).body(view);
    }
}
