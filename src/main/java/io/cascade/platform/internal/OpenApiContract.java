package io.cascade.platform.internal;

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
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules every operation of the document follows, applied centrally so that an endpoint added later gets them
 * without anyone remembering (docs/api.md, "The OpenAPI document"): schemas named as integrators see them, success
 * answers in their real media types with {@code Location}/{@code ETag} headers from the shared components, the error
 * answers each operation can give as the one RFC 9457 {@code Problem}, {@code limit} and {@code Idempotency-Key} as
 * the API enforces them, and merge-patch bodies as their own patch schemas. What differs per operation (its id,
 * summary, success status, public or signed security) is declared on the controller method.
 */
class OpenApiContract implements OpenApiCustomizer {
    static final String PROBLEM_JSON = "application/problem+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String JSON = "application/json";

    @Override
    public void customise(OpenAPI api) {
        OpenApiSchemas.rename(api);
        OpenApiProblems.addComponents(api);
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operation(api, path, method, operation)));
        OpenApiSchemas.prune(api);
        OpenApiProblems.pruneResponses(api);
        OpenApiSchemas.forEachSchema(api, OpenApiContract::anchorPattern);
        sortResponses(api);
        if (api.getTags() != null) {
            api.getTags().sort(java.util.Comparator.comparing(io.swagger.v3.oas.models.tags.Tag::getName));
        }
    }

    private void operation(OpenAPI api, String path, PathItem.HttpMethod method, Operation operation) {
        boolean bearer = operation.getSecurity() == null;
        successResponses(api, operation);
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(OpenApiContract::parameter);
        }
        if (bearer && method == PathItem.HttpMethod.POST) {
            operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + OpenApiProblems.IDEMPOTENCY_KEY));
        }
        if (method == PathItem.HttpMethod.PATCH && operation.getRequestBody() != null) {
            OpenApiMergePatch.typeBody(api, operation.getRequestBody());
        }
        OpenApiProblems.errorResponses(operation, bearer, method);
    }

    /** Success answers: JSON where springdoc wrote any type, named schemas, and the shared header definitions. */
    private static void successResponses(OpenAPI api, Operation operation) {
        operation.getResponses().forEach((status, response) -> {
            if (!status.startsWith("2")) {
                return;
            }
            Content content = response.getContent();
            if (content != null && content.containsKey("*/*")) {
                MediaType any = content.remove("*/*");
                content.addMediaType(JSON, any);
            }
            if (content != null && content.get(JSON) != null) {
                name(api, content.get(JSON), operation.getOperationId() + "Response");
            }
            if (content != null && content.isEmpty()) {
                response.setContent(null);
            }
            if (response.getHeaders() != null) {
                Map<String, Header> headers = new LinkedHashMap<>();
                response.getHeaders().forEach((name, header) -> headers.put(name,
                        OpenApiProblems.HEADERS.contains(name) ? new Header().$ref("#/components/headers/" + name)
                                : header));
                response.setHeaders(headers);
            }
        });
    }

    /** An inline object schema (a map a controller answers) becomes a named one, called after its operation. */
    private static void name(OpenAPI api, MediaType media, String name) {
        Schema<?> schema = media.getSchema();
        if (schema != null && schema.get$ref() == null && schema.getTypes() != null
                && schema.getTypes().contains("object")) {
            String named = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            api.getComponents().addSchemas(named, schema);
            media.setSchema(new Schema<>(SpecVersion.V31).$ref(OpenApiSchemas.PREFIX + named));
        }
    }

    /** {@code limit} on every list: 1 to 500, default 50 (docs/api.md, Lists and cursors). */
    private static void parameter(Parameter parameter) {
        if ("query".equals(parameter.getIn()) && "limit".equals(parameter.getName())) {
            Schema<?> schema = parameter.getSchema();
            if (schema == null) {
                schema = new Schema<>(SpecVersion.V31).types(Set.of("integer")).format("int32");
                parameter.setSchema(schema);
            }
            schema.setMinimum(java.math.BigDecimal.ONE);
            schema.setMaximum(java.math.BigDecimal.valueOf(500));
            ((Schema<Object>) schema).setDefault(50);
            if (parameter.getDescription() == null) {
                parameter.setDescription("Items per page, 1 to 500");
            }
        }
        if ("query".equals(parameter.getIn()) && "cursor".equals(parameter.getName())
                && parameter.getDescription() == null) {
            parameter.setDescription("The nextCursor of the previous page; opaque, and valid for this list only");
        }
    }

    /** Bean Validation's {@code @Pattern} matches the whole value; JSON Schema's pattern must say so. */
    private static void anchorPattern(Schema<?> schema) {
        String pattern = schema.getPattern();
        if (pattern != null && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
            schema.setPattern("^(?:" + pattern + ")$");
        }
    }

    private static void sortResponses(OpenAPI api) {
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            ApiResponses sorted = new ApiResponses();
            new TreeMap<>(operation.getResponses()).forEach(sorted::addApiResponse);
            operation.setResponses(sorted);
        }));
    }

    static List<String> list(String... values) {
        return new ArrayList<>(List.of(values));
    }
}
