package io.cascade.platform.internal;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}, the API's contract (docs/api.md, ADR 0022): its frame here, the rules
 * every operation follows in {@link OpenApiContract}, the value types in {@link ApiValueSchemas}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    static final String BEARER = "bearer";
    static final String WEBHOOK_SIGNATURE = "webhookSignature";

    static {
        // enumerations as named schemas (AccountType, AccountStatus...), shared by every property that uses them
        ModelResolver.enumsAsRef = true;
    }

    @Bean
    OpenAPI cascadeOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Cascade API").version("v1")
                        .description("Multi-tier reseller platform. Conventions: docs/api.md. Authenticate with "
                                + "POST /api/v1/auth/tokens and send the token as 'Authorization: Bearer <token>'. "
                                + "Every error is an RFC 9457 problem (application/problem+json).")
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                .addServersItem(server())
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("A token from POST /api/v1/auth/tokens (cas_...)"))
                        .addSecuritySchemes(WEBHOOK_SIGNATURE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("webhook-signature")
                                .description("Standard Webhooks: an HMAC-SHA256 signature (v1,<base64>) of "
                                        + "'<webhook-id>.<webhook-timestamp>.<body>' with the service's whsec_ "
                                        + "secret, sent with the webhook-id and webhook-timestamp headers")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Relative: the document describes the server that serves it, wherever that runs. */
    private static Server server() {
        Server server = new Server().url("/").description("The Cascade server that serves this document, in "
                + "whatever environment it runs (production, staging or local)");
        server.addExtension("x-internal", false);
        return server;
    }

    @Bean
    OpenApiContract openApiContract() {
        return new OpenApiContract();
    }

    @Bean
    ApiValueSchemas apiValueSchemas() {
        return new ApiValueSchemas();
    }
}
