package io.cascade.brands.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A host name to attach to a vendor, e.g. {@code panel.northwind.example}. */
public record NewPanelHost(
        @Schema(description = "A DNS name without scheme, port or path; lower-cased; an internationalised name is "
                + "stored in its ASCII (punycode) form", example = "panel.northwind.example")
        @NotBlank @Size(max = 253) String host) {
}
