package io.cascade.mail.internal;

import io.cascade.mail.api.MailboxSettings;
import io.cascade.mail.api.NewServiceUser;
import io.cascade.mail.api.PasswordResetView;
import io.cascade.mail.api.ServiceUserPassword;
import io.cascade.mail.api.ServiceUserView;
import io.cascade.mail.api.ServiceUsers;
import io.cascade.platform.api.JsonMergePatch;
import io.cascade.platform.api.OneTimeSecrets;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
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
@Tag(name = "Service users", description = "End users of an account's services, with their mailboxes")
class ServiceUserController {
    private final ServiceUsers serviceUsers;
    private final JsonMergePatch mergePatch;

    ServiceUserController(ServiceUsers serviceUsers, JsonMergePatch mergePatch) {
        this.serviceUsers = serviceUsers;
        this.mergePatch = mergePatch;
    }

    @GetMapping("/api/v1/accounts/{accountId}/service-users")
    @Operation(operationId = "listServiceUsers", summary = "An account's service users with their mailboxes, by e-mail")
    Page<ServiceUserView> list(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                               @RequestParam(required = false) Integer limit,
                               @RequestParam(required = false) String cursor) {
        return serviceUsers.list(caller, accountId, limit, cursor);
    }

    @PostMapping("/api/v1/accounts/{accountId}/service-users")
    @Operation(operationId = "createServiceUser", summary = "Create a service user with a mailbox (needs an active mail subscription)")
    @ApiResponse(responseCode = "201", description = "The service user with its mailbox", headers = {@Header(name = "Location"), @Header(name = "ETag")})
    ResponseEntity<ServiceUserView> create(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                           @RequestBody NewServiceUser request, HttpServletRequest http) {
        ServiceUserView created = serviceUsers.create(caller, accountId, request);
        if (created.invitationToken() != null) {
            OneTimeSecrets.mark(http);
        }
        return ResponseEntity.created(URI.create("/api/v1/service-users/" + created.id()))
                .eTag(Etags.of(created.version())).body(created);
    }

    @GetMapping("/api/v1/service-users/{serviceUserId}")
    @Operation(operationId = "getServiceUser", summary = "One service user: yourself, or with USERS_READ over its account")
    @ApiResponse(responseCode = "200", description = "The service user", headers = @Header(name = "ETag"))
    ResponseEntity<ServiceUserView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID serviceUserId) {
        ServiceUserView user = serviceUsers.get(caller, serviceUserId);
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(user);
    }

    @PatchMapping(path = "/api/v1/service-users/{serviceUserId}/mailbox", consumes = {"application/json", "application/merge-patch+json"})
    @Operation(operationId = "changeMailbox", summary = "Change a mailbox's quota, aliases (on the account's mail domains) and forwarding; the mail server follows through a provisioning task")
    @ApiResponse(responseCode = "200", description = "The service user with its mailbox", headers = @Header(name = "ETag"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = MailboxSettings.class)))
    ResponseEntity<ServiceUserView> changeMailbox(@Parameter(hidden = true) Caller caller,
                                                  @PathVariable UUID serviceUserId,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @RequestBody JsonNode patch) {
        ServiceUserView user = serviceUsers.changeMailbox(caller, serviceUserId, ifMatch,
                current -> mergePatch.apply(current, patch, MailboxSettings.class));
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(user);
    }

    @PostMapping("/api/v1/service-users/{serviceUserId}/password")
    @Operation(operationId = "resetServiceUserPassword", summary = "Set a service user's password (or generate one, shown once); its tokens are revoked")
    PasswordResetView resetPassword(@Parameter(hidden = true) Caller caller, @PathVariable UUID serviceUserId,
                                    @RequestBody(required = false) ServiceUserPassword request,
                                    HttpServletRequest http) {
        PasswordResetView reset = serviceUsers.resetPassword(caller, serviceUserId, request);
        if (reset.generatedPassword() != null) {
            OneTimeSecrets.mark(http);
        }
        return reset;
    }

    @PostMapping("/api/v1/service-users/{serviceUserId}/suspend")
    @Operation(operationId = "suspendServiceUser", summary = "Suspend a service user: its login and its mailbox stop working until it is resumed")
    @ApiResponse(responseCode = "200", description = "The service user", headers = @Header(name = "ETag"))
    ResponseEntity<ServiceUserView> suspend(@Parameter(hidden = true) Caller caller,
                                            @PathVariable UUID serviceUserId) {
        ServiceUserView user = serviceUsers.suspend(caller, serviceUserId);
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(user);
    }

    @PostMapping("/api/v1/service-users/{serviceUserId}/resume")
    @Operation(operationId = "resumeServiceUser", summary = "Resume a suspended service user")
    @ApiResponse(responseCode = "200", description = "The service user", headers = @Header(name = "ETag"))
    ResponseEntity<ServiceUserView> resume(@Parameter(hidden = true) Caller caller,
                                           @PathVariable UUID serviceUserId) {
        ServiceUserView user = serviceUsers.resume(caller, serviceUserId);
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(user);
    }

    @DeleteMapping("/api/v1/service-users/{serviceUserId}")
    @Operation(operationId = "removeServiceUser", summary = "Remove a service user: its login is disabled and its mailbox deprovisioned")
    @ApiResponse(responseCode = "200", description = "The removed service user", headers = @Header(name = "ETag"))
    ResponseEntity<ServiceUserView> remove(@Parameter(hidden = true) Caller caller,
                                           @PathVariable UUID serviceUserId) {
        ServiceUserView user = serviceUsers.remove(caller, serviceUserId);
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(user);
    }
}
