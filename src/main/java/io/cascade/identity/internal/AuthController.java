package io.cascade.identity.internal;

import io.cascade.identity.api.IssuedToken;
import io.cascade.identity.api.Logins;
import io.cascade.identity.api.TokenView;
import io.cascade.shared.Caller;
import io.cascade.shared.Page;
import io.cascade.shared.RequestIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@Tag(name = "Authentication", description = "Sign in, API tokens, invitations, who am I")
class AuthController {
    private final Logins logins;

    AuthController(Logins logins) {
        this.logins = logins;
    }

    record SignIn(@NotBlank @Email @Size(max = 254) String email,
                  @NotBlank @Size(max = 128) String password,
                  UUID accountId,
                  @Size(max = 100) String name,
                  @Min(1) @Max(8760) Integer expiresInHours) {
    }

    record AcceptInvitation(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 128) String password) {
    }

    record PasswordResetRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    record PasswordResetCompletion(@NotBlank @Size(max = 200) String token,
                                   @NotBlank @Size(max = 128) String password) {
    }

    record PasswordChange(@NotBlank @Size(max = 128) String currentPassword,
                          @NotBlank @Size(max = 128) String newPassword) {
    }

    @PostMapping("/api/v1/auth/tokens")
    @Operation(operationId = "signIn", summary = "Sign in with e-mail and password; answers a bearer token (name and lifetime optional)")
    @SecurityRequirements
    @ApiResponse(responseCode = "201", description = "The new token, shown only this once")
    @ApiResponse(responseCode = "401", description = "Unknown e-mail or wrong password, the same answer for both (invalid-credentials)")
    @ApiResponse(responseCode = "403", description = "The login or its account is not active (user-disabled, account-inactive)")
    @ApiResponse(responseCode = "409", description = "The password matches logins in several accounts: accounts lists them; repeat with accountId (account-choice-required)")
    @ApiResponse(responseCode = "429", description = "The login or the client address is blocked for a while (login-throttled)")
    ResponseEntity<IssuedToken> signIn(@Valid @RequestBody SignIn request, HttpServletRequest http) {
        IssuedToken token = logins.signIn(new Logins.Credentials(request.email(), request.password(),
                        request.accountId(), request.name(), request.expiresInHours()), http.getRemoteAddr(),
                String.valueOf(http.getAttribute(RequestIds.ATTRIBUTE)));
        return ResponseEntity.status(HttpStatus.CREATED).body(token);
    }

    @PostMapping("/api/v1/auth/invitations/accept")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "acceptInvitation", summary = "Set a password with a one-time invitation token; activates a pending account")
    @SecurityRequirements
    @ApiResponse(responseCode = "204", description = "The password is set and the user active")
    void acceptInvitation(@Valid @RequestBody AcceptInvitation request, HttpServletRequest http) {
        logins.acceptInvitation(request.token(), request.password(),
                String.valueOf(http.getAttribute(RequestIds.ATTRIBUTE)));
    }

    @PostMapping("/api/v1/auth/password-resets")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "requestPasswordReset", summary = "Forgotten password: mail a one-time link to set a "
            + "new one; the same answer whether or not the e-mail has a login")
    @SecurityRequirements
    @ApiResponse(responseCode = "202", description = "Accepted; if the e-mail has an active login, a link is on its way")
    @ApiResponse(responseCode = "429", description = "This client address asked too often (login-throttled)")
    void requestPasswordReset(@Valid @RequestBody PasswordResetRequest request, HttpServletRequest http) {
        logins.requestPasswordReset(request.email(), http.getRemoteAddr(),
                String.valueOf(http.getAttribute(RequestIds.ATTRIBUTE)));
    }

    @PostMapping("/api/v1/auth/password-resets/complete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "completePasswordReset", summary = "Set a new password with the token of a "
            + "password-reset link; the link works once, and every token of the user is revoked")
    @SecurityRequirements
    @ApiResponse(responseCode = "204", description = "The new password is set")
    @ApiResponse(responseCode = "422", description = "The token is unknown, used or expired, or the password breaks "
            + "the policy (invalid-input naming token or password)")
    void completePasswordReset(@Valid @RequestBody PasswordResetCompletion request, HttpServletRequest http) {
        logins.completePasswordReset(request.token(), request.password(),
                String.valueOf(http.getAttribute(RequestIds.ATTRIBUTE)));
    }

    @GetMapping("/api/v1/me")
    @Operation(operationId = "getMe", summary = "The caller: user, account and privileges")
    Logins.Me me(@Parameter(hidden = true) Caller caller) {
        return logins.me(caller);
    }

    @PostMapping("/api/v1/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "changePassword",
            summary = "Change your own password; signs out every other token and panel session of yours")
    @ApiResponse(responseCode = "204", description = "Changed")
    @ApiResponse(responseCode = "429", description = "Your login is blocked for a while (login-throttled)")
    void changePassword(@Parameter(hidden = true) Caller caller, @Valid @RequestBody PasswordChange request) {
        logins.changePassword(caller, request.currentPassword(), request.newPassword());
    }

    @PostMapping("/api/v1/me/sign-out-everywhere")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "signOutEverywhere", summary = "Sign out everywhere else: revokes every token of yours "
            + "but the one of this request, which also ends your other panel sessions")
    @ApiResponse(responseCode = "204", description = "Signed out everywhere else")
    void signOutEverywhere(@Parameter(hidden = true) Caller caller) {
        logins.signOutEverywhere(caller);
    }

    @GetMapping("/api/v1/users/{userId}/tokens")
    @Operation(operationId = "listTokens", summary = "A user's API tokens (never the secrets)")
    Page<TokenView> tokens(@Parameter(hidden = true) Caller caller, @PathVariable UUID userId) {
        return new Page<>(logins.tokens(caller, userId), null);
    }

    @DeleteMapping("/api/v1/tokens/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeToken", summary = "Revoke a token: yours, or (with USERS_MANAGE) one of a user in your subtree")
    @ApiResponse(responseCode = "204", description = "Revoked (also when it was revoked already)")
    void revoke(@Parameter(hidden = true) Caller caller, @PathVariable UUID tokenId) {
        logins.revoke(caller, tokenId);
    }
}
