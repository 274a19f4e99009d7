package io.cascade.payments.internal;

import io.cascade.payments.api.CollectionItemView;
import io.cascade.payments.api.CollectionRequest;
import io.cascade.payments.api.CollectionReturnRequest;
import io.cascade.payments.api.CollectionRuns;
import io.cascade.payments.api.CollectionView;
import io.cascade.shared.Caller;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** SEPA Direct Debit collection runs, their pain.008 files and returned items (ADR 0030). */
@RestController
@Tag(name = "Direct debit", description = "SEPA Direct Debit: mandates, collection runs (pain.008) and returns")
class CollectionController {
    private final CollectionRuns runs;

    CollectionController(CollectionRuns runs) {
        this.runs = runs;
    }

    @PostMapping("/api/v1/accounts/{accountId}/collections")
    @Operation(operationId = "startCollection", summary = "Start a collection run for a day: the open EUR invoices due by then "
            + "of buyers with an active mandate, not in a pending run, in one pain.008 file")
    @ApiResponse(responseCode = "201", description = "The run with its items", headers = @Header(name = "Location"))
    ResponseEntity<CollectionView> start(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                         @RequestBody CollectionRequest request) {
        CollectionView run = runs.start(caller, accountId, request);
        return ResponseEntity.created(URI.create("/api/v1/collections/" + run.id())).body(run);
    }

    @GetMapping("/api/v1/accounts/{accountId}/collections")
    @Operation(operationId = "listCollections", summary = "The issuer's collection runs, newest first (without their items)")
    Page<CollectionView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                              @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String cursor) {
        return runs.list(caller, accountId, limit, cursor);
    }

    @GetMapping("/api/v1/collections/{collectionId}")
    @Operation(operationId = "getCollection", summary = "One collection run with its items")
    CollectionView get(@Parameter(hidden = true) Caller caller, @PathVariable UUID collectionId) {
        return runs.get(caller, collectionId);
    }

    @GetMapping("/api/v1/collections/{collectionId}/file")
    @Operation(operationId = "getCollectionFile", summary = "The run's pain.008.001.08 file, as it was written")
    @ApiResponse(responseCode = "200", description = "The pain.008 file", content = @Content(
            mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> file(@Parameter(hidden = true) Caller caller, @PathVariable UUID collectionId) {
        byte[] xml = runs.file(caller, collectionId).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"pain.008-" + collectionId + ".xml\"")
                .body(xml);
    }

    @PostMapping("/api/v1/collections/{collectionId}/confirm")
    @Operation(operationId = "confirmCollection", summary = "Confirm that the bank collected the run (on or after its date): "
            + "each item's payment is recorded, first mandates become recurrent")
    CollectionView confirm(@Parameter(hidden = true) Caller caller, @PathVariable UUID collectionId) {
        return runs.confirm(caller, collectionId);
    }

    @PostMapping("/api/v1/collections/{collectionId}/items/{itemId}/return")
    @Operation(operationId = "returnCollectionItem", summary = "Record that the bank returned a collected item (ISO reason "
            + "code): its payment is returned and the invoice is open again")
    CollectionItemView returnItem(@Parameter(hidden = true) Caller caller, @PathVariable UUID collectionId,
                                  @PathVariable UUID itemId, @RequestBody CollectionReturnRequest request) {
        return runs.returnItem(caller, collectionId, itemId, request);
    }
}
