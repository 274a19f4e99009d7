package io.cascade.assets.internal;

import io.cascade.assets.api.AssetManagement;
import io.cascade.assets.api.AssetQuery;
import io.cascade.assets.api.AssetState;
import io.cascade.assets.api.AssetView;
import io.cascade.assets.api.AssignRequest;
import io.cascade.assets.api.BatchResult;
import io.cascade.assets.api.ImportReport;
import io.cascade.assets.api.NewSim;
import io.cascade.assets.api.RetireRequest;
import io.cascade.assets.api.SimUsage;
import io.cascade.assets.api.SimUsageBatch;
import io.cascade.usage.api.UsageReceipt;
import io.cascade.assets.api.TransferRequest;
import io.cascade.assets.api.UnassignRequest;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

@RestController
@Tag(name = "Assets", description = "SIM cards: inventory, CSV import, hand-down, assignment to customers, search")
class AssetController {
    private final AssetManagement assets;
    private final SimUsage usage;

    AssetController(AssetManagement assets, SimUsage usage) {
        this.assets = assets;
        this.usage = usage;
    }

    @PostMapping("/api/v1/assets/usage")
    @Operation(operationId = "reportSimUsage", summary = "Record data usage per SIM (by ICCID) as usage of the iot subscription it is connected to")
    UsageReceipt usage(@Parameter(hidden = true) Caller caller, @RequestBody SimUsageBatch batch) {
        return usage.record(caller, batch.records());
    }

    @GetMapping("/api/v1/accounts/{accountId}/assets/usage")
    @Operation(operationId = "simCustomerUsage", summary = "A standard account's SIM data usage per simple customer, "
            + "from and to as dates (default: this month)")
    io.cascade.assets.api.SimpleCustomerUsage usageBySimpleCustomer(@Parameter(hidden = true) Caller caller,
            @PathVariable UUID accountId, @RequestParam(required = false) java.time.LocalDate from,
            @RequestParam(required = false) java.time.LocalDate to) {
        return assets.usageBySimpleCustomer(caller, accountId, from, to);
    }

    @GetMapping("/api/v1/accounts/{accountId}/assets")
    @Operation(operationId = "listAssets", summary = "Search an account's SIMs (a vendor's inventory, or a customer's SIMs), by ICCID")
    Page<AssetView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                         @RequestParam(required = false) String iccid, @RequestParam(required = false) String msisdn,
                         @RequestParam(required = false) AssetState state,
                         @RequestParam(required = false) UUID customerId,
                         @RequestParam(required = false) Integer limit,
                         @RequestParam(required = false) String cursor) {
        return assets.list(caller, accountId, new AssetQuery(iccid, msisdn, state, customerId, limit, cursor));
    }

    @PostMapping("/api/v1/accounts/{accountId}/assets")
    @Operation(operationId = "createAsset", summary = "Add one SIM to the account's inventory")
    @ApiResponse(responseCode = "201", description = "The SIM", headers = {@Header(name = "Location"), @Header(name = "ETag")})
    ResponseEntity<AssetView> create(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                     @RequestBody NewSim sim) {
        AssetView created = assets.create(caller, accountId, sim);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/assets/" + created.id()))
                .eTag(Etags.of(created.version())).body(created);
    }

    @PostMapping(path = "/api/v1/accounts/{accountId}/assets/import", consumes = "text/csv")
    @Operation(operationId = "importAssets", summary = "Import SIMs from CSV (header iccid,imsi,msisdn); all or nothing, or ?mode=good-rows")
    @ApiResponse(responseCode = "201", description = "At least one SIM was imported")
    @ApiResponse(responseCode = "200", description = "Nothing was imported (every row rejected with mode=good-rows, or an empty file)")
    ResponseEntity<ImportReport> importCsv(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                           @RequestParam(required = false) String mode, @RequestBody String csv) {
        boolean goodRows;
        if (mode == null || mode.equals("all")) {
            goodRows = false;
        } else if (mode.equals("good-rows")) {
            goodRows = true;
        } else {
            throw new InvalidInputException("mode", "must be all or good-rows");
        }
        ImportReport report = assets.importCsv(caller, accountId, csv, goodRows);
        return ResponseEntity.status(report.imported() > 0 ? HttpStatus.CREATED : HttpStatus.OK).body(report);
    }

    @PostMapping("/api/v1/accounts/{accountId}/assets/transfer")
    @Operation(operationId = "transferAssets", summary = "Hand SIMs in stock down to a direct reseller")
    BatchResult transfer(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                         @RequestBody TransferRequest request) {
        return assets.transfer(caller, accountId, request);
    }

    @PostMapping("/api/v1/accounts/{accountId}/assets/retire")
    @Operation(operationId = "retireAssets", summary = "Retire SIMs in stock for good, all or none")
    BatchResult retireAll(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                          @RequestBody RetireRequest request) {
        return assets.retireBatch(caller, accountId, request);
    }

    @PostMapping("/api/v1/accounts/{accountId}/assets/assign")
    @Operation(operationId = "assignAssets", summary = "Assign SIMs of the inventory to one of the account's customers (the account's own staff)")
    BatchResult assignAll(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                          @RequestBody AssignRequest request) {
        return assets.assignBatch(caller, accountId, request);
    }

    @PostMapping("/api/v1/accounts/{accountId}/assets/unassign")
    @Operation(operationId = "unassignAssets", summary = "Take SIMs back from customers into the inventory (the account's own staff)")
    BatchResult unassignAll(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                            @RequestBody UnassignRequest request) {
        return assets.unassignBatch(caller, accountId, request);
    }

    @GetMapping("/api/v1/assets/{assetId}")
    @Operation(operationId = "getAsset", summary = "One SIM")
    @ApiResponse(responseCode = "200", description = "The SIM", headers = @Header(name = "ETag"))
    ResponseEntity<AssetView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID assetId) {
        AssetView asset = assets.get(caller, assetId);
        return ResponseEntity.ok().eTag(Etags.of(asset.version())).body(asset);
    }

    @PostMapping("/api/v1/assets/{assetId}/assign")
    @Operation(operationId = "assignAsset", summary = "Assign a SIM to one of its owner's customers (the owner's own staff)")
    @ApiResponse(responseCode = "200", description = "The SIM", headers = @Header(name = "ETag"))
    ResponseEntity<AssetView> assign(@Parameter(hidden = true) Caller caller, @PathVariable UUID assetId,
                                     @RequestBody AssignRequest request) {
        AssetView asset = assets.assign(caller, assetId, request);
        return ResponseEntity.ok().eTag(Etags.of(asset.version())).body(asset);
    }

    @PostMapping("/api/v1/assets/{assetId}/unassign")
    @Operation(operationId = "unassignAsset", summary = "Take a SIM back from its customer (the owner's own staff)")
    @ApiResponse(responseCode = "200", description = "The SIM", headers = @Header(name = "ETag"))
    ResponseEntity<AssetView> unassign(@Parameter(hidden = true) Caller caller, @PathVariable UUID assetId) {
        AssetView asset = assets.unassign(caller, assetId);
        return ResponseEntity.ok().eTag(Etags.of(asset.version())).body(asset);
    }

    @PostMapping("/api/v1/assets/{assetId}/retire")
    @Operation(operationId = "retireAsset", summary = "Retire a SIM in stock for good")
    @ApiResponse(responseCode = "200", description = "The SIM", headers = @Header(name = "ETag"))
    ResponseEntity<AssetView> retire(@Parameter(hidden = true) Caller caller, @PathVariable UUID assetId) {
        AssetView asset = assets.retire(caller, assetId);
        return ResponseEntity.ok().eTag(Etags.of(asset.version())).body(asset);
    }
}
