package io.cascade.brands.internal;

import io.cascade.brands.api.NewPanelHost;
import io.cascade.brands.api.PanelHostManagement;
import io.cascade.brands.api.PanelHostView;
import io.cascade.brands.api.VerifyPanelHost;
import io.cascade.shared.Caller;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
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
@Tag(name = "Panel hosts", description = "A vendor's own panel addresses (panel.northwind.example): attached, verified by a DNS TXT record (or by the provider's staff by hand), and then the address at which only the vendor's subtree signs in")
class PanelHostController {
    private static final String BASE = "/api/v1/accounts/{accountId}/panel-hosts";

    private final PanelHostManagement hosts;

    PanelHostController(PanelHostManagement hosts) {
        this.hosts = hosts;
    }

    @GetMapping(BASE)
    @Operation(operationId = "listPanelHosts", summary = "A vendor's panel hosts, by name")
    Page<PanelHostView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                             @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String cursor) {
        return hosts.list(caller, accountId, limit, cursor);
    }

    @PostMapping(BASE)
    @Operation(operationId = "addPanelHost", summary = "Attach a panel host; it does nothing until verified (publish the TXT record the answer names, then verify)")
    @ApiResponse(responseCode = "201", description = "The host, unverified, with the TXT record that verifies it", headers = @Header(name = "Location"))
    ResponseEntity<PanelHostView> add(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                      @RequestBody NewPanelHost request) {
        PanelHostView created = hosts.add(caller, accountId, request);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/accounts/" + accountId + "/panel-hosts/" + created.host()))
                .body(created);
    }

    @GetMapping(BASE + "/{host}")
    @Operation(operationId = "getPanelHost", summary = "One panel host, its state and the TXT record that verifies it")
    PanelHostView get(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                      @PathVariable String host) {
        return hosts.get(caller, accountId, host);
    }

    @DeleteMapping(BASE + "/{host}")
    @Operation(operationId = "removePanelHost", summary = "Remove a panel host; its name is free again")
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> remove(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                @PathVariable String host) {
        hosts.remove(caller, accountId, host);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(BASE + "/{host}/verify")
    @Operation(operationId = "verifyPanelHost", summary = "Verify a panel host now by its DNS TXT record; with {\"manual\": true} the provider's staff mark it verified by hand")
    @ApiResponse(responseCode = "200", description = "The host, verified (a host already verified is answered as it is)")
    PanelHostView verify(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                         @PathVariable String host, @RequestBody(required = false) VerifyPanelHost request) {
        return hosts.verify(caller, accountId, host, request);
    }
}
