package io.cascade.identity.internal;

import io.cascade.identity.api.NewRole;
import io.cascade.identity.api.NewUser;
import io.cascade.identity.api.RoleView;
import io.cascade.identity.api.StaffManagement;
import io.cascade.identity.api.UserUpdate;
import io.cascade.identity.api.UserView;
import io.cascade.platform.api.JsonMergePatch;
import io.cascade.platform.api.OneTimeSecrets;
import jakarta.servlet.http.HttpServletRequest;
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
@Tag(name = "Users and roles", description = "Staff members of an account, their roles, custom roles")
class UserController {
    private final StaffManagement staff;
    private final JsonMergePatch mergePatch;

    UserController(StaffManagement staff, JsonMergePatch mergePatch) {
        this.staff = staff;
        this.mergePatch = mergePatch;
    }

    @GetMapping("/api/v1/accounts/{accountId}/users")
    @Operation(operationId = "listUsers", summary = "The staff members of an account, by e-mail")
    Page<UserView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                        @RequestParam(required = false) Integer limit,
                        @RequestParam(required = false) String cursor) {
        return staff.users(caller, accountId, limit, cursor);
    }

    @PostMapping("/api/v1/accounts/{accountId}/users")
    @Operation(operationId = "createUser", summary = "Add a staff member (with a password, or an invitation token returned once)")
    @ApiResponse(responseCode = "201", description = "The staff member (with an invitation token, shown once, when no password was given)", headers = {@Header(name = "Location"), @Header(name = "ETag")})
    ResponseEntity<UserView> create(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                    @RequestBody NewUser request, HttpServletRequest http) {
        UserView user = staff.create(caller, accountId, request);
        if (user.invitationToken() != null) {
            OneTimeSecrets.mark(http);
        }
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/users/" + user.id()))
                .eTag(Etags.of(user.version())).body(user);
    }

    @GetMapping("/api/v1/users/{userId}")
    @Operation(operationId = "getUser", summary = "One staff member")
    @ApiResponse(responseCode = "200", description = "The staff member", headers = @Header(name = "ETag"))
    ResponseEntity<UserView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID userId) {
        UserView user = staff.user(caller, userId);
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(user);
    }

    @PatchMapping(path = "/api/v1/users/{userId}", consumes = {"application/json", "application/merge-patch+json"})
    @Operation(operationId = "updateUser", summary = "Change a staff member's name, status (ACTIVE/DISABLED) or roles")
    @ApiResponse(responseCode = "200", description = "The changed staff member", headers = @Header(name = "ETag"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = UserUpdate.class)))
    ResponseEntity<UserView> patch(@Parameter(hidden = true) Caller caller, @PathVariable UUID userId,
                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   @RequestBody JsonNode patch) {
        UserView user = staff.update(caller, userId, ifMatch,
                current -> mergePatch.apply(current, patch, UserUpdate.class));
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(user);
    }

    @GetMapping("/api/v1/accounts/{accountId}/roles")
    @Operation(operationId = "listRoles", summary = "Roles a user of this account may hold: the built-in ones and the account's own")
    Page<RoleView> roles(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        return new Page<>(staff.roles(caller, accountId), null);
    }

    @PostMapping("/api/v1/accounts/{accountId}/roles")
    @Operation(operationId = "createRole", summary = "Define a custom role from privileges you hold")
    @ApiResponse(responseCode = "201", description = "The role")
    ResponseEntity<RoleView> createRole(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                        @RequestBody NewRole request) {
        RoleView role = staff.createRole(caller, accountId, request);
        return ResponseEntity.status(HttpStatus.CREATED).body(role);
    }
}
