package io.cascade.nodes.internal;

import io.cascade.nodes.api.NodeDraft;
import io.cascade.nodes.api.NodeManagement;
import io.cascade.nodes.api.NodeState;
import io.cascade.nodes.api.NodeView;
import io.cascade.nodes.api.PlacementView;
import io.cascade.nodes.api.ProbeView;
import io.cascade.platform.api.JsonMergePatch;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "Service nodes", description = "The provider's servers that host its services: capacity, state, health, and where resources are placed (provider's staff only)")
class NodeController {
    private static final String BASE = "/api/v1/nodes";

    private final NodeManagement nodes;
    private final JsonMergePatch mergePatch;

    NodeController(NodeManagement nodes, JsonMergePatch mergePatch) {
        this.nodes = nodes;
        this.mergePatch = mergePatch;
    }

    @GetMapping(BASE)
    @Operation(operationId = "listNodes", summary = "The service nodes in name order, with their load and health")
    Page<NodeView> list(@Parameter(hidden = true) Caller caller, @RequestParam(required = false) NodeState state,
                        @RequestParam(required = false) UUID serviceId,
                        @RequestParam(required = false) Integer limit,
                        @RequestParam(required = false) String cursor) {
        return nodes.list(caller, state, serviceId, limit, cursor);
    }

    @PostMapping(BASE)
    @Operation(operationId = "createNode", summary = "Register a service node; it is ACTIVE and probed from now on")
    @ApiResponse(responseCode = "201", description = "The node", headers = {@Header(name = "Location"), @Header(name = "ETag")})
    ResponseEntity<NodeView> create(@Parameter(hidden = true) Caller caller, @RequestBody NodeDraft request) {
        NodeView created = nodes.create(caller, request);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create(BASE + "/" + created.id()))
                .eTag(Etags.of(created.version())).body(created);
    }

    @GetMapping(BASE + "/{nodeId}")
    @Operation(operationId = "getNode", summary = "One service node")
    @ApiResponse(responseCode = "200", description = "The node", headers = @Header(name = "ETag"))
    ResponseEntity<NodeView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID nodeId) {
        return versioned(nodes.get(caller, nodeId));
    }

    @PatchMapping(path = BASE + "/{nodeId}", consumes = {"application/json", "application/merge-patch+json"})
    @Operation(operationId = "updateNode", summary = "Change a node's name, address, services, capacity or probe settings (JSON merge patch; If-Match)")
    @ApiResponse(responseCode = "200", description = "The changed node", headers = @Header(name = "ETag"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = NodeDraft.class)))
    ResponseEntity<NodeView> patch(@Parameter(hidden = true) Caller caller, @PathVariable UUID nodeId,
                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   @RequestBody JsonNode patch) {
        NodeView node = nodes.update(caller, nodeId, ifMatch,
                current -> mergePatch.apply(current, patch, NodeDraft.class));
        return versioned(node);
    }

    @PostMapping(BASE + "/{nodeId}/drain")
    @Operation(operationId = "drainNode", summary = "The node takes no new placements; what is on it stays until moved")
    @ApiResponse(responseCode = "200", description = "The node", headers = @Header(name = "ETag"))
    ResponseEntity<NodeView> drain(@Parameter(hidden = true) Caller caller, @PathVariable UUID nodeId) {
        return versioned(nodes.drain(caller, nodeId));
    }

    @PostMapping(BASE + "/{nodeId}/activate")
    @Operation(operationId = "activateNode", summary = "The node takes new placements again (a DOWN node once it is back)")
    @ApiResponse(responseCode = "200", description = "The node", headers = @Header(name = "ETag"))
    ResponseEntity<NodeView> activate(@Parameter(hidden = true) Caller caller, @PathVariable UUID nodeId) {
        return versioned(nodes.activate(caller, nodeId));
    }

    @PostMapping(BASE + "/{nodeId}/retire")
    @Operation(operationId = "retireNode", summary = "Take a node out of service for good, once nothing is placed on it")
    @ApiResponse(responseCode = "200", description = "The node", headers = @Header(name = "ETag"))
    ResponseEntity<NodeView> retire(@Parameter(hidden = true) Caller caller, @PathVariable UUID nodeId) {
        return versioned(nodes.retire(caller, nodeId));
    }

    @PostMapping(BASE + "/{nodeId}/moves")
    @Operation(operationId = "moveNodeResources", summary = "Move every resource of a DRAINING or DOWN node to other nodes, one MOVE provisioning task each")
    @ApiResponse(responseCode = "202", description = "The placements with their target node and move task")
    ResponseEntity<List<PlacementView>> moves(@Parameter(hidden = true) Caller caller, @PathVariable UUID nodeId) {
        return ResponseEntity.accepted().body(nodes.requestMoves(caller, nodeId));
    }

    @GetMapping(BASE + "/{nodeId}/placements")
    @Operation(operationId = "listNodePlacements", summary = "The resources on a node (and those being moved to it)")
    Page<PlacementView> placements(@Parameter(hidden = true) Caller caller, @PathVariable UUID nodeId,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String cursor) {
        return nodes.placements(caller, nodeId, limit, cursor);
    }

    @GetMapping(BASE + "/{nodeId}/probes")
    @Operation(operationId = "listNodeProbes", summary = "A node's health history, newest first (its last 100 probes)")
    Page<ProbeView> probes(@Parameter(hidden = true) Caller caller, @PathVariable UUID nodeId,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String cursor) {
        return nodes.probes(caller, nodeId, limit, cursor);
    }

    /** A node with its ETag (its version), as every answer that shows one node carries it. */
    private static ResponseEntity<NodeView> versioned(NodeView node) {
        return ResponseEntity.ok().eTag(Etags.of(node.version())).body(node);
    }
}
