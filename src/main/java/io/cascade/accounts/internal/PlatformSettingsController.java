package io.cascade.accounts.internal;

import io.cascade.accounts.api.PlatformSettings;
import io.cascade.accounts.api.ResellerSettings;
import io.cascade.platform.api.JsonMergePatch;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/platform/reseller-settings")
@Tag(name = "Platform settings", description = "Settings of the whole platform, kept by the provider")
class PlatformSettingsController {
    private final PlatformSettings settings;
    private final JsonMergePatch mergePatch;

    PlatformSettingsController(PlatformSettings settings, JsonMergePatch mergePatch) {
        this.settings = settings;
        this.mergePatch = mergePatch;
    }

    @GetMapping
    @Operation(operationId = "getResellerSettings", summary = "Which reseller models are enabled and how deep resellers may nest")
    @ApiResponse(responseCode = "200", description = "The reseller settings", headers = @Header(name = "ETag"))
    ResponseEntity<ResellerSettings> get(@Parameter(hidden = true) Caller caller) {
        PlatformSettings.Versioned current = settings.resellerSettings();
        return ResponseEntity.ok().eTag(Etags.of(current.version())).body(current.settings());
    }

    @PatchMapping(consumes = {"application/json", "application/merge-patch+json"})
    @Operation(operationId = "updateResellerSettings", summary = "Change the reseller settings (provider staff with SETTINGS_MANAGE)")
    @ApiResponse(responseCode = "200", description = "The changed reseller settings", headers = @Header(name = "ETag"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ResellerSettings.class)))
    ResponseEntity<ResellerSettings> patch(@Parameter(hidden = true) Caller caller,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @RequestBody JsonNode patch) {
        PlatformSettings.Versioned updated = settings.updateResellerSettings(caller, ifMatch,
                current -> mergePatch.apply(current, patch, ResellerSettings.class));
        return ResponseEntity.ok().eTag(Etags.of(updated.version())).body(updated.settings());
    }
}
