package io.cascade.brands.internal;

import io.cascade.brands.api.Brand;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Public brand assets for sign-in pages, panels and mail (ADR 0033): a logo by the SHA-256 of its bytes
 * ({@code /brand-assets/{sha256}.png|svg}) and the colour sheet of a brand ({@code /brand-assets/colours-{primary}-
 * {accent}.css}). Their names are their content, so they never change: cacheable for a year, with the hash as ETag;
 * they name no account. An SVG is served with a content security policy that lets it run nothing and load nothing,
 * and every asset with {@code nosniff}.
 */
@RestController
@Hidden
class BrandAssetController {
    static final String SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";
    private static final CacheControl FOR_A_YEAR = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final OwnBrands brands;

    BrandAssetController(OwnBrands brands) {
        this.brands = brands;
    }

    @GetMapping("/brand-assets/{sha256:[0-9a-f]{64}}.{extension:png|svg}")
    ResponseEntity<byte[]> logo(@PathVariable String sha256, @PathVariable String extension,
                                @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        boolean svg = extension.equals("svg");
        String etag = "\"" + sha256 + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            return headers(ResponseEntity.status(HttpStatus.NOT_MODIFIED), etag, svg).build();
        }
        return brands.logoBytes(sha256, svg ? LogoCheck.SVG : LogoCheck.PNG)
                .map(bytes -> headers(ResponseEntity.ok(), etag, svg)
                        .contentType(svg ? MediaType.parseMediaType(LogoCheck.SVG) : MediaType.IMAGE_PNG)
                        .body(bytes))
                .orElseGet(() -> ResponseEntity.notFound().header("X-Content-Type-Options", "nosniff").build());
    }

    @GetMapping("/brand-assets/colours-{primary:[0-9a-f]{6}}-{accent:[0-9a-f]{6}}.css")
    ResponseEntity<byte[]> colours(@PathVariable String primary, @PathVariable String accent) {
        String css = ":root{--brand-primary:#" + primary + ";--brand-accent:#" + accent + "}\n";
        return headers(ResponseEntity.ok(), "\"" + primary + accent + "\"", false)
                .contentType(MediaType.parseMediaType("text/css;charset=UTF-8"))
                .body(css.getBytes(StandardCharsets.UTF_8));
    }

    /** The colours of a brand being edited, for the preview on the brand page (only inside {@code .brand-preview}). */
    @GetMapping("/brand-assets/preview-{primary:[0-9a-f]{6}}-{accent:[0-9a-f]{6}}.css")
    ResponseEntity<byte[]> preview(@PathVariable String primary, @PathVariable String accent) {
        String css = ".brand-preview{--preview-primary:#" + primary + ";--preview-accent:#" + accent + "}\n";
        return headers(ResponseEntity.ok(), "\"p" + primary + accent + "\"", false)
                .contentType(MediaType.parseMediaType("text/css;charset=UTF-8"))
                .body(css.getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder builder, String etag, boolean svg) {
        builder.cacheControl(FOR_A_YEAR).eTag(etag).header("X-Content-Type-Options", "nosniff");
        if (svg) {
            builder.header("Content-Security-Policy", SVG_POLICY);
        }
        return builder;
    }

    /** The public path prefix, as {@link Brand#ASSETS}. */
    static final String PATH = Brand.ASSETS;
}
