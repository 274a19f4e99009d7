package io.cascade.catalog.internal;

import io.cascade.catalog.api.AddonDraft;
import io.cascade.catalog.api.AddonView;
import io.cascade.catalog.api.Audience;
import io.cascade.catalog.api.NewOffering;
import io.cascade.catalog.api.OfferingManagement;
import io.cascade.catalog.api.OfferingView;
import io.cascade.catalog.api.PlanDraft;
import io.cascade.catalog.api.PlanAddons;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PlanMargins;
import io.cascade.catalog.api.PlanStatus;
import io.cascade.catalog.api.PlanUpdate;
import io.cascade.catalog.api.PlanView;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceDraft;
import io.cascade.catalog.api.ServiceUpdate;
import io.cascade.catalog.api.ServiceView;
import io.cascade.platform.api.JsonMergePatch;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
@Tag(name = "Catalog", description = "Services, plans at every tier, commission offerings")
class CatalogController {
    private final ServiceCatalog services;
    private final PlanManagement plans;
    private final OfferingManagement offerings;
    private final PlanAddons addons;
    private final JsonMergePatch mergePatch;

    CatalogController(ServiceCatalog services, PlanManagement plans, OfferingManagement offerings,
                      PlanAddons addons, JsonMergePatch mergePatch) {
        this.addons = addons;
        this.services = services;
        this.plans = plans;
        this.offerings = offerings;
        this.mergePatch = mergePatch;
    }

    @GetMapping("/api/v1/services")
    @Operation(operationId = "listServices", summary = "The provider's services and the own services of the resellers the caller sees, with their resource types")
    Page<ServiceView> services(@Parameter(hidden = true) Caller caller) {
        return new Page<>(services.list(caller), null);
    }

    @GetMapping("/api/v1/services/{serviceId}")
    @Operation(operationId = "getService", summary = "One service")
    @ApiResponse(responseCode = "200", description = "The service", headers = @Header(name = "ETag"))
    ResponseEntity<ServiceView> service(@Parameter(hidden = true) Caller caller, @PathVariable UUID serviceId) {
        ServiceView service = services.get(caller, serviceId);
        return ResponseEntity.ok().eTag(Etags.of(service.version())).body(service);
    }

    @PostMapping("/api/v1/services")
    @Operation(operationId = "createService", summary = "Define a service with its resource types (the provider's staff; a reseller's staff its own)")
    @ApiResponse(responseCode = "201", description = "The service", headers = {@Header(name = "Location"), @Header(name = "ETag")})
    ResponseEntity<ServiceView> createService(@Parameter(hidden = true) Caller caller,
                                              @RequestBody ServiceDraft draft) {
        ServiceView created = services.create(caller, draft);
        return ResponseEntity.created(URI.create("/api/v1/services/" + created.id())).eTag(Etags.of(created.version()))
                .body(created);
    }

    @PatchMapping(path = "/api/v1/services/{serviceId}", consumes = {"application/json", "application/merge-patch+json"})
    @Operation(operationId = "updateService", summary = "Change a service: name, adapter configuration, new resource types (its definer's staff)")
    @ApiResponse(responseCode = "200", description = "The changed service", headers = @Header(name = "ETag"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ServiceUpdate.class)))
    ResponseEntity<ServiceView> patchService(@Parameter(hidden = true) Caller caller, @PathVariable UUID serviceId,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             @RequestBody JsonNode patch) {
        ServiceView service = services.update(caller, serviceId, ifMatch,
                current -> mergePatch.apply(current, patch, ServiceUpdate.class));
        return ResponseEntity.ok().eTag(Etags.of(service.version())).body(service);
    }

    @GetMapping("/api/v1/accounts/{vendorId}/plans")
    @Operation(operationId = "listPlans", summary = "A vendor's plans, newest first")
    Page<PlanView> plans(@Parameter(hidden = true) Caller caller, @PathVariable UUID vendorId,
                         @RequestParam(required = false) PlanStatus status,
                         @RequestParam(required = false) Audience audience,
                         @RequestParam(required = false) Integer limit,
                         @RequestParam(required = false) String cursor) {
        return plans.list(caller, vendorId, status, audience, limit, cursor);
    }

    @PostMapping("/api/v1/accounts/{vendorId}/plans")
    @Operation(operationId = "createPlan", summary = "Create a plan of a vendor (a draft)")
    @ApiResponse(responseCode = "201", description = "The draft plan", headers = {@Header(name = "Location"), @Header(name = "ETag")})
    ResponseEntity<PlanView> createPlan(@Parameter(hidden = true) Caller caller, @PathVariable UUID vendorId,
                                        @RequestBody PlanDraft draft) {
        PlanView plan = plans.create(caller, vendorId, draft);
        return ResponseEntity.created(URI.create("/api/v1/plans/" + plan.id())).eTag(Etags.of(plan.version()))
                .body(plan);
    }

    @GetMapping("/api/v1/accounts/{accountId}/available-plans")
    @Operation(operationId = "listAvailablePlans", summary = "The published plans this account may buy: its own vendor's only")
    Page<PlanView> available(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        return plans.available(caller, accountId);
    }

    @GetMapping("/api/v1/plans/{planId}")
    @Operation(operationId = "getPlan", summary = "One plan, with today's prices and scheduled price changes")
    @ApiResponse(responseCode = "200", description = "The plan", headers = @Header(name = "ETag"))
    ResponseEntity<PlanView> plan(@Parameter(hidden = true) Caller caller, @PathVariable UUID planId) {
        PlanView plan = plans.get(caller, planId);
        return ResponseEntity.ok().eTag(Etags.of(plan.version())).body(plan);
    }

    @GetMapping("/api/v1/plans/{planId}/margins")
    @Operation(operationId = "getPlanMargins", summary = "A plan's prices beside the reseller's wholesale cost and margin per resource (vendor side)")
    PlanMargins margins(@Parameter(hidden = true) Caller caller, @PathVariable UUID planId) {
        return plans.margins(caller, planId);
    }

    @PatchMapping(path = "/api/v1/plans/{planId}", consumes = {"application/json", "application/merge-patch+json"})
    @Operation(operationId = "updatePlan", summary = "Change a plan (published plans: prices from effectiveFrom on)")
    @ApiResponse(responseCode = "200", description = "The changed plan", headers = @Header(name = "ETag"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = PlanUpdate.class)))
    ResponseEntity<PlanView> patch(@Parameter(hidden = true) Caller caller, @PathVariable UUID planId,
                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   @RequestBody JsonNode patch) {
        PlanView plan = plans.update(caller, planId, ifMatch,
                current -> mergePatch.apply(current, patch, PlanUpdate.class));
        return ResponseEntity.ok().eTag(Etags.of(plan.version())).body(plan);
    }

    @PostMapping("/api/v1/plans/{planId}/publish")
    @Operation(operationId = "publishPlan", summary = "Publish a draft plan: buyers can see and buy it")
    @ApiResponse(responseCode = "200", description = "The published plan", headers = @Header(name = "ETag"))
    ResponseEntity<PlanView> publish(@Parameter(hidden = true) Caller caller, @PathVariable UUID planId) {
        PlanView plan = plans.publish(caller, planId);
        return ResponseEntity.ok().eTag(Etags.of(plan.version())).body(plan);
    }

    @PostMapping("/api/v1/plans/{planId}/retire")
    @Operation(operationId = "retirePlan", summary = "Retire a plan: no new subscriptions, existing ones go on")
    @ApiResponse(responseCode = "200", description = "The retired plan", headers = @Header(name = "ETag"))
    ResponseEntity<PlanView> retire(@Parameter(hidden = true) Caller caller, @PathVariable UUID planId) {
        PlanView plan = plans.retire(caller, planId);
        return ResponseEntity.ok().eTag(Etags.of(plan.version())).body(plan);
    }

    @GetMapping("/api/v1/plans/{planId}/addons")
    @Operation(operationId = "listAddons", summary = "A plan's add-ons: priced items ordered on top of a subscription of it")
    Page<AddonView> addons(@Parameter(hidden = true) Caller caller, @PathVariable UUID planId) {
        return addons.list(caller, planId);
    }

    @PostMapping("/api/v1/plans/{planId}/addons")
    @Operation(operationId = "createAddon", summary = "Define an add-on of a plan (the plan's vendor side)")
    @ApiResponse(responseCode = "201", description = "The add-on", headers = @Header(name = "Location"))
    ResponseEntity<AddonView> createAddon(@Parameter(hidden = true) Caller caller, @PathVariable UUID planId,
                                          @RequestBody AddonDraft draft) {
        AddonView created = addons.create(caller, planId, draft);
        return ResponseEntity.created(URI.create("/api/v1/plans/" + planId + "/addons")).body(created);
    }

    @PostMapping("/api/v1/plans/{planId}/addons/{addonId}/retire")
    @Operation(operationId = "retireAddon", summary = "Retire an add-on: no new orders, ordered ones go on")
    AddonView retireAddon(@Parameter(hidden = true) Caller caller, @PathVariable UUID planId,
                          @PathVariable UUID addonId) {
        return addons.retire(caller, planId, addonId);
    }

    @GetMapping("/api/v1/accounts/{resellerId}/offerings")
    @Operation(operationId = "listOfferings", summary = "The plans a commission reseller may offer, with its commission")
    Page<OfferingView> offerings(@Parameter(hidden = true) Caller caller, @PathVariable UUID resellerId) {
        return offerings.list(caller, resellerId);
    }

    @PostMapping("/api/v1/accounts/{resellerId}/offerings")
    @Operation(operationId = "createOffering", summary = "Let a commission reseller offer one of its vendor's plans (the vendor's staff)")
    @ApiResponse(responseCode = "201", description = "The offering")
    ResponseEntity<OfferingView> offer(@Parameter(hidden = true) Caller caller, @PathVariable UUID resellerId,
                                       @RequestBody NewOffering request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(offerings.offer(caller, resellerId, request));
    }
}
