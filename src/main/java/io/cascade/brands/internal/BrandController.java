package io.cascade.brands.internal;

import io.cascade.brands.api.BrandDraft;
import io.cascade.brands.api.BrandFallbackChoice;
import io.cascade.brands.api.BrandManagement;
import io.cascade.brands.api.BrandPolicy;
import io.cascade.brands.api.BrandPolicyView;
import io.cascade.brands.api.BrandView;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

@RestController
@Tag(name = "Brands", description = "The name, logo, colours and contacts a vendor sells under, shown to its "
        + "customers on every page, document and mail; a vendor without one shows the nearest brand above it")
class BrandController {
    private static final String BRAND = "/api/v1/accounts/{accountId}/brand";

    private final BrandManagement brands;

    BrandController(BrandManagement brands) {
        this.brands = brands;
    }

    @GetMapping(BRAND)
    @Operation(operationId = "getBrand", summary = "The brand the vendor shows: its own, its own name, the nearest "
            + "above it or the platform's, with where it comes from (ACCOUNTS_READ or SETTINGS_MANAGE; a vendor's "
            + "account only)")
    @ApiResponse(responseCode = "200", description = "The brand", headers = @Header(name = "ETag"))
    ResponseEntity<BrandView> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId) {
        return versioned(brands.brand(caller, accountId));
    }

    @PutMapping(BRAND)
    @Operation(operationId = "setBrand", summary = "Set the vendor's own brand: name, colours (#rrggbb, with a "
            + "contrast ratio of at least 4.5:1 for white text on the primary colour and for the accent colour on "
            + "white), contacts, legal footer and mail sender; the logo stays (SETTINGS_MANAGE; If-Match with the "
            + "ETag guards against lost updates)")
    @ApiResponse(responseCode = "200", description = "The brand", headers = @Header(name = "ETag"))
    ResponseEntity<BrandView> set(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                  @RequestBody BrandDraft draft) {
        return versioned(brands.set(caller, accountId, ifMatch, draft));
    }

    @DeleteMapping(BRAND)
    @Operation(operationId = "removeBrand", summary = "Remove the vendor's own brand and its logo: it shows the "
            + "nearest brand above it again, or its own name where it chose that (SETTINGS_MANAGE)")
    @ApiResponse(responseCode = "200", description = "The brand it shows now", headers = @Header(name = "ETag"))
    ResponseEntity<BrandView> remove(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return versioned(brands.remove(caller, accountId, ifMatch));
    }

    @PutMapping(path = BRAND + "/logo", consumes = {"image/png", "image/svg+xml"})
    @Operation(operationId = "setBrandLogo", summary = "Set the logo of the vendor's own brand: a PNG (at most "
            + "1024×1024 pixels) or an SVG (sanitised: no scripts, handlers, external links or foreign content), at "
            + "most 256 KiB (SETTINGS_MANAGE)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string", format = "binary"))}))
    @ApiResponse(responseCode = "200", description = "The brand with its logo", headers = @Header(name = "ETag"))
    ResponseEntity<BrandView> setLogo(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @Parameter(hidden = true) HttpServletRequest request,
                                      @RequestBody InputStreamResource logo) throws IOException {
        if (request.getContentLengthLong() > BrandManagement.MAX_LOGO_BYTES) {
            throw LogoCheck.tooLarge(); // refused before it is read; says nothing about the account
        }
        byte[] bytes;
        try (InputStream body = logo.getInputStream()) { // streamed: at most one byte more than the limit is read
            bytes = body.readNBytes(BrandManagement.MAX_LOGO_BYTES + 1);
        }
        String type = request.getContentType() == null ? null : request.getContentType().split(";")[0].strip();
        return versioned(brands.setLogo(caller, accountId, ifMatch, type, bytes));
    }

    @DeleteMapping(BRAND + "/logo")
    @Operation(operationId = "removeBrandLogo", summary = "Remove the logo of the vendor's own brand "
            + "(SETTINGS_MANAGE)")
    @ApiResponse(responseCode = "200", description = "The brand without a logo", headers = @Header(name = "ETag"))
    ResponseEntity<BrandView> removeLogo(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                         String ifMatch) {
        return versioned(brands.removeLogo(caller, accountId, ifMatch));
    }

    @PutMapping(BRAND + "/fallback")
    @Operation(operationId = "chooseBrandFallback", summary = "Choose what the vendor shows while it has no brand of "
            + "its own: NEAREST_ABOVE (the rule) or OWN_NAME (its company name in the default colours; only where "
            + "the provider's brand policy allows it) (SETTINGS_MANAGE)")
    @ApiResponse(responseCode = "200", description = "The brand it shows now", headers = @Header(name = "ETag"))
    ResponseEntity<BrandView> choose(@Parameter(hidden = true) Caller caller, @PathVariable UUID accountId,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                     @RequestBody BrandFallbackChoice choice) {
        return versioned(brands.choose(caller, accountId, ifMatch, choice == null ? null : choice.fallback()));
    }

    @GetMapping("/api/v1/brand-policy")
    @Operation(operationId = "getBrandPolicy", summary = "The provider's brand policy: whether vendors without a "
            + "brand may show their own name instead of the brand above them")
    @ApiResponse(responseCode = "200", description = "The policy", headers = @Header(name = "ETag"))
    ResponseEntity<BrandPolicyView> policy(@Parameter(hidden = true) Caller caller) {
        BrandPolicyView policy = brands.policy(caller);
        return ResponseEntity.ok().eTag(Etags.of(policy.version())).body(policy);
    }

    @PutMapping("/api/v1/brand-policy")
    @Operation(operationId = "updateBrandPolicy", summary = "Change the brand policy (the provider's staff, "
            + "SETTINGS_MANAGE)")
    @ApiResponse(responseCode = "200", description = "The policy", headers = @Header(name = "ETag"))
    ResponseEntity<BrandPolicyView> updatePolicy(@Parameter(hidden = true) Caller caller,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                 String ifMatch,
                                                 @RequestBody BrandPolicy policy) {
        BrandPolicyView updated = brands.updatePolicy(caller, ifMatch, policy);
        return ResponseEntity.ok().eTag(Etags.of(updated.version())).body(updated);
    }

    private static ResponseEntity<BrandView> versioned(BrandView view) {
        return ResponseEntity.ok().eTag(Etags.of(view.version())).body(view);
    }
}
