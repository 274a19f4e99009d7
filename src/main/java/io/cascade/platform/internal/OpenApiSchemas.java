package io.cascade.platform.internal;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Names and walks the document's schemas. springdoc names them by fully qualified class name (so that two records
 * called {@code Line} can never silently become one schema); {@link #rename} gives each the name integrators see:
 * the simple name, qualified by its enclosing type for a nested record ({@code InvoiceView.Line} is
 * {@code InvoiceViewLine}, {@code CreditNoteRequest.Line} is {@code CreditNoteRequestLine}) except inside a
 * controller, and generic types by their parts ({@code Page<AccountView>} is {@code PageAccountView}). Two types that
 * would get the same name fail the document.
 */
final class OpenApiSchemas {
    static final String PREFIX = "#/components/schemas/";
    /** Where springdoc's capitalised fully qualified name of a type parameter starts ("PageIo.cascade..."). */
    private static final Pattern TYPE_PARAMETER = Pattern.compile("(?<=[A-Za-z0-9_])(?=[A-Z][a-z0-9_]*\\.[a-z])");

    private OpenApiSchemas() {
    }

    static void rename(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Map<String, String> names = new HashMap<>();
        Map<String, String> owners = new HashMap<>();
        for (String qualified : schemas.keySet()) {
            String name = simpleName(qualified);
            String clash = owners.putIfAbsent(name, qualified);
            if (clash != null && !clash.equals(qualified)) {
                throw new IllegalStateException("Two types would both be the schema " + name + ": " + clash + " and "
                        + qualified + "; give one of them @Schema(name = ...)");
            }
            names.put(qualified, name);
        }
        Map<String, Schema> renamed = new TreeMap<>();
        schemas.forEach((qualified, schema) -> renamed.put(names.get(qualified), schema));
        api.getComponents().setSchemas(renamed);
        forEachSchema(api, schema -> {
            String ref = schema.get$ref();
            if (ref != null && ref.startsWith(PREFIX) && names.containsKey(ref.substring(PREFIX.length()))) {
                schema.set$ref(PREFIX + names.get(ref.substring(PREFIX.length())));
            }
        });
    }

    /** {@code io.cascade.billing.api.InvoiceView.Line} → {@code InvoiceViewLine}; names without a package stay. */
    static String simpleName(String qualified) {
        StringBuilder name = new StringBuilder();
        String[] parts = TYPE_PARAMETER.split(qualified);
        for (int i = 0; i < parts.length; i++) {
            // springdoc capitalises a type parameter's name: "Io.cascade..." is the package io.cascade
            String part = i == 0 ? parts[i] : Character.toLowerCase(parts[i].charAt(0)) + parts[i].substring(1);
            name.append(classPart(part));
        }
        return name.toString();
    }

    private static String classPart(String qualified) {
        List<String> classes = new ArrayList<>();
        for (String segment : qualified.split("\\.")) {
            if (!segment.isEmpty() && Character.isUpperCase(segment.charAt(0))) {
                classes.add(segment);
            }
        }
        if (classes.isEmpty()) {
            return qualified;
        }
        if (classes.size() > 1 && classes.get(0).endsWith("Controller")) {
            classes.remove(0);
        }
        return String.join("", classes);
    }

    /** Drops component schemas nothing refers to any more (after patch schemas replaced the documents they copy). */
    static void prune(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Set<String> used = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        Consumer<Schema> collect = schema -> {
            String ref = schema.get$ref();
            if (ref != null && ref.startsWith(PREFIX) && used.add(ref.substring(PREFIX.length()))) {
                todo.add(ref.substring(PREFIX.length()));
            }
        };
        forEachOutsideSchemas(api, collect);
        while (!todo.isEmpty()) {
            Schema schema = schemas.get(todo.poll());
            if (schema != null) {
                walk(schema, collect, new HashSet<>());
            }
        }
        schemas.keySet().retainAll(used);
    }

    /** Every schema object in the document, nested ones included. */
    static void forEachSchema(OpenAPI api, Consumer<Schema> visitor) {
        forEachOutsideSchemas(api, visitor);
        if (api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(schema -> walk(schema, visitor, new HashSet<>()));
        }
    }

    private static void forEachOutsideSchemas(OpenAPI api, Consumer<Schema> visitor) {
        Consumer<Schema> deep = schema -> walk(schema, visitor, new HashSet<>());
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(item -> {
                if (item.getParameters() != null) {
                    item.getParameters().forEach(p -> parameter(p, deep));
                }
                item.readOperations().forEach(operation -> operation(operation, deep));
            });
        }
        var components = api.getComponents();
        if (components.getResponses() != null) {
            components.getResponses().values().forEach(r -> response(r, deep));
        }
        if (components.getParameters() != null) {
            components.getParameters().values().forEach(p -> parameter(p, deep));
        }
        if (components.getHeaders() != null) {
            components.getHeaders().values().forEach(h -> header(h, deep));
        }
        if (components.getRequestBodies() != null) {
            components.getRequestBodies().values().forEach(b -> content(b.getContent(), deep));
        }
    }

    private static void operation(Operation operation, Consumer<Schema> visitor) {
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(p -> parameter(p, visitor));
        }
        RequestBody body = operation.getRequestBody();
        if (body != null) {
            content(body.getContent(), visitor);
        }
        if (operation.getResponses() != null) {
            operation.getResponses().values().forEach(r -> response(r, visitor));
        }
    }

    private static void response(ApiResponse response, Consumer<Schema> visitor) {
        content(response.getContent(), visitor);
        if (response.getHeaders() != null) {
            response.getHeaders().values().forEach(h -> header(h, visitor));
        }
    }

    private static void header(Header header, Consumer<Schema> visitor) {
        if (header.getSchema() != null) {
            visitor.accept(header.getSchema());
        }
    }

    private static void parameter(Parameter parameter, Consumer<Schema> visitor) {
        if (parameter.getSchema() != null) {
            visitor.accept(parameter.getSchema());
        }
        content(parameter.getContent(), visitor);
    }

    private static void content(Content content, Consumer<Schema> visitor) {
        if (content != null) {
            content.values().forEach(media -> {
                if (media.getSchema() != null) {
                    visitor.accept(media.getSchema());
                }
            });
        }
    }

    private static void walk(Schema<?> schema, Consumer<Schema> visitor, Set<Schema> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        visitor.accept(schema);
        List<Schema> children = new ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll(schema.getProperties().values());
        }
        children.add(schema.getItems());
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            children.add(additional);
        }
        addAll(children, schema.getAllOf());
        addAll(children, schema.getAnyOf());
        addAll(children, schema.getOneOf());
        addAll(children, schema.getPrefixItems());
        children.add(schema.getNot());
        children.add(schema.getContains());
        if (schema.getPatternProperties() != null) {
            children.addAll(schema.getPatternProperties().values());
        }
        children.forEach(child -> walk(child, visitor, seen));
    }

    private static void addAll(List<Schema> children, Collection<? extends Schema> more) {
        if (more != null) {
            children.addAll(more);
        }
    }

    static Map<String, Schema> copyOf(Map<String, Schema> properties) {
        return properties == null ? new LinkedHashMap<>() : new LinkedHashMap<>(properties);
    }
}
