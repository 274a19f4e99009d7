package io.cascade.platform.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The error side of the document: the one RFC 9457 {@code Problem} schema as {@code ProblemHandler} and
 * {@code ProblemResponses} write it, a named response per status, and which of them each operation can answer.
 */
final class OpenApiProblems {
    static final String PROBLEM = "Problem";
    static final String FIELD_PROBLEM = "FieldProblem";
    static final String IDEMPOTENCY_KEY = "IdempotencyKey";
    /** Response headers defined once in components/headers; a controller's {@code @Header(name = ...)} refers to them. */
    static final Set<String> HEADERS = Set.of("Location", "ETag", "Retry-After");

    /** status → (component name, description) of the shared error responses. */
    private static final Map<String, String[]> RESPONSES = new LinkedHashMap<>();

    static {
        RESPONSES.put("400", new String[]{"BadRequest", "The request cannot be read: malformed JSON, a wrong JSON type, "
                + "an unknown field or enum value, a bad query parameter or path id (invalid-input with errors, "
                + "malformed-request, invalid-idempotency-key)"});
        RESPONSES.put("401", new String[]{"Unauthorized", "No valid bearer token (unauthenticated, invalid-token)"});
        RESPONSES.put("403", new String[]{"Forbidden", "In your subtree, but not allowed: a privilege your roles lack "
                + "(missing-privilege, naming it in privilege) or a rule of who decides"});
        RESPONSES.put("404", new String[]{"NotFound", "Missing, or outside your subtree: the same answer (not-found)"});
        RESPONSES.put("406", new String[]{"NotAcceptable", "Accept names no type this operation answers "
                + "(not-acceptable)"});
        RESPONSES.put("409", new String[]{"Conflict", "A rule of the domain refuses the change in the resource's "
                + "current state; type names the rule"});
        RESPONSES.put("412", new String[]{"PreconditionFailed", "If-Match names no current version (stale-etag)"});
        RESPONSES.put("413", new String[]{"ContentTooLarge", "A request with an Idempotency-Key carries more than "
                + "10 MiB (body-too-large)"});
        RESPONSES.put("415", new String[]{"UnsupportedMediaType", "Content-Type is not one this operation reads "
                + "(unsupported-media-type)"});
        RESPONSES.put("422", new String[]{"UnprocessableContent", "Readable, but breaks a rule: invalid-input naming "
                + "every bad field in errors, or a rule of the domain named by type"});
        RESPONSES.put("429", new String[]{"TooManyRequests", "Too many failed sign-ins (login-throttled); "
                + "Retry-After and retryAfterSeconds say when to retry"});
        RESPONSES.put("500", new String[]{"InternalError", "A bug; the detail says nothing about the cause "
                + "(internal-error)"});
    }

    private OpenApiProblems() {
    }

    static void addComponents(OpenAPI api) {
        Components components = api.getComponents();
        components.addSchemas(PROBLEM, problem());
        components.addSchemas(FIELD_PROBLEM, fieldProblem());
        RESPONSES.forEach((status, named) -> {
            ApiResponse response = new ApiResponse().description(named[1]).content(problemContent());
            if ("429".equals(status)) {
                response.addHeaderObject("Retry-After", new Header().$ref("#/components/headers/Retry-After"));
            }
            components.addResponses(named[0], response);
        });
        components.addHeaders("Location", new Header().description("Where the created or started resource lives")
                .schema(string().format("uri-reference")));
        components.addHeaders("ETag", new Header().description("The resource's version as a strong entity tag; "
                + "send it as If-Match to change the resource only if nobody changed it in between")
                .schema(string().pattern("^\"[0-9]+\"$")));
        components.addHeaders("Retry-After", new Header().description("Seconds to wait before trying again")
                .schema(new Schema<>(SpecVersion.V31).types(Set.of("integer")).format("int64")
                        .minimum(java.math.BigDecimal.ZERO)));
        components.addParameters(IDEMPOTENCY_KEY, new Parameter().in("header").name("Idempotency-Key")
                .description("Makes a retry safe: the same key with the same request answers the first result again "
                        + "(with Idempotent-Replayed: true) and changes nothing; per user, for 24 hours")
                .required(false).schema(string().minLength(1).maxLength(200)));
    }

    /** Adds the shared error answers an operation can give, and gives every error answer the problem content. */
    static void errorResponses(Operation operation, boolean bearer, PathItem.HttpMethod method) {
        boolean body = operation.getRequestBody() != null;
        boolean query = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "query".equals(p.getIn()));
        boolean ifMatch = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
        add(operation, "400");
        boolean parameters = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "path".equals(p.getIn()) || "query".equals(p.getIn()));
        if (bearer) {
            add(operation, "401");
            add(operation, "403");
        }
        if (bearer && (parameters || body)) {
            add(operation, "404");
        }
        add(operation, "406");
        if (bearer && method != PathItem.HttpMethod.GET) {
            add(operation, "409");
        }
        if (ifMatch) {
            add(operation, "412");
        }
        if (bearer && method == PathItem.HttpMethod.POST && body) {
            add(operation, "413");
        }
        if (body) {
            add(operation, "415");
        }
        if (body || query) {
            add(operation, "422");
        }
        add(operation, "500");
        operation.getResponses().forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && response.get$ref() == null) {
                response.setContent(problemContent());
                if ("429".equals(status)) {
                    response.addHeaderObject("Retry-After", new Header().$ref("#/components/headers/Retry-After"));
                }
            }
        });
    }

    /** Drops the shared error answers no operation refers to (429 is declared where it happens, with its own text). */
    static void pruneResponses(OpenAPI api) {
        java.util.Set<String> used = new java.util.HashSet<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> operation.getResponses()
                .values().forEach(response -> {
                    if (response.get$ref() != null) {
                        used.add(response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1));
                    }
                })));
        api.getComponents().getResponses().keySet().retainAll(used);
    }

    private static void add(Operation operation, String status) {
        if (!operation.getResponses().containsKey(status)) {
            operation.getResponses().addApiResponse(status,
                    new ApiResponse().$ref("#/components/responses/" + RESPONSES.get(status)[0]));
        }
    }

    private static Content problemContent() {
        return new Content().addMediaType(OpenApiContract.PROBLEM_JSON,
                new MediaType().schema(new Schema<>(SpecVersion.V31).$ref(OpenApiSchemas.PREFIX + PROBLEM)));
    }

    private static Schema<?> problem() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", string().format("uri-reference").description("The rule that refused the request: "
                + "a URN ending in the rule's name; the rules are listed in docs/api.md")
                .examples(List.of(io.cascade.shared.Problem.NOT_FOUND.type().toString())));
        properties.put("title", string().description("The status's reason phrase").examples(List.of("Not Found")));
        properties.put("status", new Schema<>(SpecVersion.V31).types(Set.of("integer")).format("int32")
                .minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599))
                .description("The HTTP status"));
        properties.put("detail", string().description("What went wrong, for a human"));
        properties.put("instance", string().format("uri-reference").description("The request path"));
        properties.put("errors", new Schema<>(SpecVersion.V31).types(Set.of("array"))
                .items(new Schema<>(SpecVersion.V31).$ref(OpenApiSchemas.PREFIX + FIELD_PROBLEM))
                .description("invalid-input and uniqueness clashes: every refused field"));
        properties.put("privilege", string().description("missing-privilege: the privilege your roles lack"));
        properties.put("retryAfterSeconds", new Schema<>(SpecVersion.V31).types(Set.of("integer")).format("int64")
                .description("login-throttled: seconds until the next attempt may succeed"));
        Schema<?> schema = new Schema<>(SpecVersion.V31).types(Set.of("object")).properties(properties)
                .required(List.of("type", "title", "status"))
                .description("An RFC 9457 problem. Rules may add members of their own (for example accounts on "
                        + "account-choice-required, left and limit on limit-exceeded, rejected on import-rejected); "
                        + "docs/api.md lists them with the rules.");
        schema.setAdditionalProperties(true);
        return schema;
    }

    private static Schema<?> fieldProblem() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("field", string().description("The refused field, as a path into the body "
                + "(address.country, lines[2].amount) or the name of a parameter"));
        properties.put("message", string().description("What is wrong with it"));
        return new Schema<>(SpecVersion.V31).types(Set.of("object")).properties(properties)
                .required(List.of("field", "message")).description("One refused field");
    }

    private static Schema<Object> string() {
        return new Schema<>(SpecVersion.V31).types(Set.of("string"));
    }
}
