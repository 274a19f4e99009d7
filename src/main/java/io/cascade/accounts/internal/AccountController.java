package io.cascade.accounts.internal;

import io.cascade.accounts.api.AccountDraft;
import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountQuery;
import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountUpdate;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.StatusChangeReason;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts", description = "The account tree: create, read, change, list a subtree, status lifecycle")
class AccountController {
    private final AccountManagement accounts;
    private final JsonMergePatch mergePatch;

    AccountController(AccountManagement accounts, JsonMergePatch mergePatch) {
        this.accounts = accounts;
        this.mergePatch = mergePatch;
    }

    @PostMapping
    @Operation(operationId = "createAccount", summary = "Create a reseller or customer below your account (or below vendorId) with its first administrator")
    @ApiResponse(responseCode = "201", description = "The account, with its first administrator", headers = {@Header(name = "Location"), @Header(name = "ETag")})
    ResponseEntity<AccountView> create(@Parameter(hidden = true) Caller caller,
                                       @RequestBody AccountDraft draft, HttpServletRequest request) {
        AccountView created = accounts.create(caller, draft);
        if (created.admin() != null && created.admin().invitationToken() != null) {
            OneTimeSecrets.mark(request);
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/accounts/" + created.id()))
                .eTag(Etags.of(created.version()))
                .body(created);
    }

    @GetMapping("/{accountId}")
    @Operation(operationId = "getAccount", summary = "One account of your subtree")
    @ApiResponse(responseCode = "200", description = "The account", headers = @Header(name = "ETag"))
    ResponseEntity<AccountView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        AccountView account = accounts.get(caller, accountId);
        return ResponseEntity.ok().eTag(Etags.of(account.version())).body(account);
    }

    @GetMapping
    @Operation(operationId = "listAccounts", summary = "The subtree below an account (default: yours), filtered, in tree order, cursor-paged")
    Page<AccountView> list(@Parameter(hidden = true) Caller caller,
                           @RequestParam(required = false) UUID under,
                           @RequestParam(required = false) AccountType type,
                           @RequestParam(required = false) AccountStatus status,
                           @RequestParam(required = false) String q,
                           @RequestParam(required = false) Boolean directOnly,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String cursor) {
        return accounts.list(caller, new AccountQuery(under, type, status, q, directOnly, limit, cursor));
    }

    @PatchMapping(path = "/{accountId}", consumes = {"application/json", "application/merge-patch+json"})
    @Operation(operationId = "updateAccount", summary = "Change an account (JSON merge patch; If-Match with the ETag guards against lost updates)")
    @ApiResponse(responseCode = "200", description = "The changed account", headers = @Header(name = "ETag"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = AccountUpdate.class)))
    ResponseEntity<AccountView> patch(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @RequestBody JsonNode patch) {
        AccountView updated = accounts.update(caller, accountId, ifMatch,
                current -> mergePatch.apply(current, patch, AccountUpdate.class));
        return ResponseEntity.ok().eTag(Etags.of(updated.version())).body(updated);
    }

    @PostMapping("/{accountId}/suspend")
    @Operation(operationId = "suspendAccount", summary = "Suspend an account and everything below it that is active")
    @ApiResponse(responseCode = "200", description = "The suspended account", headers = @Header(name = "ETag"))
    ResponseEntity<AccountView> suspend(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                        @RequestBody(required = false) StatusChangeReason reason) {
        return withEtag(accounts.suspend(caller, accountId, reason));
    }

    @PostMapping("/{accountId}/resume")
    @Operation(operationId = "resumeAccount", summary = "Resume an account and exactly what its suspension stopped below it")
    @ApiResponse(responseCode = "200", description = "The resumed account", headers = @Header(name = "ETag"))
    ResponseEntity<AccountView> resume(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                       @RequestBody(required = false) StatusChangeReason reason) {
        return withEtag(accounts.resume(caller, accountId, reason));
    }

    @PostMapping("/{accountId}/terminate")
    @Operation(operationId = "terminateAccount", summary = "Terminate an account for good (refused while accounts below it are live)")
    @ApiResponse(responseCode = "200", description = "The terminated account", headers = @Header(name = "ETag"))
    ResponseEntity<AccountView> terminate(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        return withEtag(accounts.terminate(caller, accountId));
    }

    @PostMapping("/{accountId}/activate")
    @Operation(operationId = "activateAccount", summary = "Activate a pending account")
    @ApiResponse(responseCode = "200", description = "The activated account", headers = @Header(name = "ETag"))
    ResponseEntity<AccountView> activate(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        return withEtag(accounts.activate(caller, accountId));
    }

    private static ResponseEntity<AccountView> withEtag(AccountView account) {
        return ResponseEntity.ok().eTag(Etags.of(account.version())).body(account);
    }
}
