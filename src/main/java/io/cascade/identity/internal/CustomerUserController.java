package io.cascade.identity.internal;

import io.cascade.identity.api.CustomerUserManagement;
import io.cascade.identity.api.CustomerUserUpdate;
import io.cascade.identity.api.CustomerUserView;
import io.cascade.identity.api.NewCustomerUser;
import io.cascade.platform.api.JsonMergePatch;
import io.cascade.platform.api.OneTimeSecrets;
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
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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
@Tag(name = "Customer users", description = "Users of a vendor account assigned to some of its customers")
class CustomerUserController {
    private final CustomerUserManagement customerUsers;
    private final JsonMergePatch mergePatch;

    CustomerUserController(CustomerUserManagement customerUsers, JsonMergePatch mergePatch) {
        this.customerUsers = customerUsers;
        this.mergePatch = mergePatch;
    }

    @GetMapping("/api/v1/accounts/{accountId}/customer-users")
    @Operation(operationId = "listCustomerUsers", summary = "The customer users of an account, by e-mail (a customer user sees those sharing a customer)")
    Page<CustomerUserView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor) {
        return customerUsers.list(caller, accountId, limit, cursor);
    }

    @PostMapping("/api/v1/accounts/{accountId}/customer-users")
    @Operation(operationId = "createCustomerUser", summary = "Add a customer user assigned to some of the account's customers")
    @ApiResponse(responseCode = "201", description = "The customer user", headers = {@Header(name = "Location"), @Header(name = "ETag")})
    ResponseEntity<CustomerUserView> create(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                            @RequestBody NewCustomerUser request, HttpServletRequest http) {
        CustomerUserView user = customerUsers.create(caller, accountId, request);
        if (user.invitationToken() != null) {
            OneTimeSecrets.mark(http);
        }
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/customer-users/" + user.id()))
                .eTag(Etags.of(user.version())).body(user);
    }

    @GetMapping("/api/v1/customer-users/{customerUserId}")
    @Operation(operationId = "getCustomerUser", summary = "One customer user")
    @ApiResponse(responseCode = "200", description = "The customer user", headers = @Header(name = "ETag"))
    ResponseEntity<CustomerUserView> get(@Parameter(hidden = true) Caller caller,
                                         @PathVariable UUID customerUserId) {
        CustomerUserView user = customerUsers.get(caller, customerUserId);
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(user);
    }

    @PatchMapping(path = "/api/v1/customer-users/{customerUserId}",
            consumes = {"application/json", "application/merge-patch+json"})
    @Operation(operationId = "updateCustomerUser", summary = "Rename a customer user or change the customers it is assigned to")
    @ApiResponse(responseCode = "200", description = "The changed customer user", headers = @Header(name = "ETag"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = CustomerUserUpdate.class)))
    ResponseEntity<CustomerUserView> patch(@Parameter(hidden = true) Caller caller,
                                           @PathVariable UUID customerUserId,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                           String ifMatch, @RequestBody JsonNode patch) {
        CustomerUserView user = customerUsers.update(caller, customerUserId, ifMatch,
                current -> mergePatch.apply(current, patch, CustomerUserUpdate.class));
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(user);
    }

    @DeleteMapping("/api/v1/customer-users/{customerUserId}")
    @Operation(operationId = "removeCustomerUser", summary = "Remove a customer user (the account's own users only)")
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> remove(@Parameter(hidden = true) Caller caller, @PathVariable UUID customerUserId) {
        customerUsers.remove(caller, customerUserId);
        return ResponseEntity.noContent().build();
    }
}
