package io.cascade.platform.internal;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code PATCH} body is an RFC 7396 merge patch of the resource's changeable document (the type a controller names
 * with {@code @RequestBody(content = @Content(schema = @Schema(implementation = ...)))}): every field optional, and
 * {@code null} removes it. This turns the document's schema {@code XUpdate} (or {@code X}) into its patch schema
 * {@code XPatch}, nested objects into theirs, and declares it for both accepted media types.
 */
final class OpenApiMergePatch {
    /** Values replaced whole, never merged field by field. */
    private static final Set<String> VALUES = Set.of(ApiValueSchemas.MONEY, ApiValueSchemas.PRICE,
            ApiValueSchemas.CURRENCY);

    private OpenApiMergePatch() {
    }

    static void typeBody(OpenAPI api, RequestBody body) {
        Content content = body.getContent();
        if (content == null) {
            return;
        }
        String document = content.values().stream().map(MediaType::getSchema)
                .filter(s -> s != null && s.get$ref() != null).map(s -> name(s.get$ref())).findFirst().orElse(null);
        if (document == null) {
            throw new IllegalStateException("A PATCH operation does not name the document it patches; annotate it "
                    + "with @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = "
                    + "@Schema(implementation = ...)))");
        }
        String patch = patchOf(api, document);
        Content typed = new Content();
        for (String type : List.of(OpenApiContract.MERGE_PATCH, "application/json")) {
            typed.addMediaType(type, new MediaType().schema(ref(patch)));
        }
        body.setContent(typed);
        body.setRequired(true);
        if (body.getDescription() == null) {
            body.setDescription("A JSON merge patch (RFC 7396): only the fields to change; null removes a field, "
                    + "nested objects are merged field by field");
        }
    }

    private static String patchOf(OpenAPI api, String document) {
        String patch = document.replaceFirst("Update$", "") + "Patch";
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas.containsKey(patch)) {
            return patch;
        }
        Schema<?> original = schemas.get(document);
        Schema<?> copy = new Schema<>(SpecVersion.V31).types(Set.of("object"));
        schemas.put(patch, copy); // before the properties: a document that contains itself ends here
        copy.setDescription("Merge patch of " + document + (original.getDescription() == null ? ""
                : ": " + original.getDescription()));
        Map<String, Schema> properties = new LinkedHashMap<>();
        OpenApiSchemas.copyOf(original.getProperties()).forEach((name, property) ->
                properties.put(name, nullable(api, property)));
        copy.setProperties(properties);
        copy.setAdditionalProperties(false);
        return patch;
    }

    /** The property in a patch: itself or null; a nested object is itself a patch. */
    private static Schema<?> nullable(OpenAPI api, Schema<?> property) {
        Schema<?> value = property;
        if (property.get$ref() != null && !VALUES.contains(name(property.get$ref()))
                && isObject(api.getComponents().getSchemas().get(name(property.get$ref())))) {
            value = ref(patchOf(api, name(property.get$ref())));
        }
        if (value.get$ref() != null || value.getTypes() == null) {
            Schema<?> either = new Schema<>(SpecVersion.V31);
            either.setOneOf(List.of(value, new Schema<>(SpecVersion.V31).types(Set.of("null"))));
            either.setDescription(value.getDescription());
            return either;
        }
        Set<String> types = new java.util.LinkedHashSet<>(value.getTypes());
        types.add("null");
        return copy(value).types(types);
    }

    /** A copy of a property's schema (the document's own schema stays as it is). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Schema<Object> copy(Schema original) {
        Schema<Object> copy = new Schema<>(SpecVersion.V31);
        copy.setFormat(original.getFormat());
        copy.setDescription(original.getDescription());
        copy.setPattern(original.getPattern());
        copy.setMinLength(original.getMinLength());
        copy.setMaxLength(original.getMaxLength());
        copy.setMinimum(original.getMinimum());
        copy.setMaximum(original.getMaximum());
        copy.setExclusiveMinimumValue(original.getExclusiveMinimumValue());
        copy.setExclusiveMaximumValue(original.getExclusiveMaximumValue());
        copy.setMinItems(original.getMinItems());
        copy.setMaxItems(original.getMaxItems());
        copy.setUniqueItems(original.getUniqueItems());
        copy.setItems(original.getItems());
        copy.setEnum(original.getEnum());
        copy.setExamples(original.getExamples());
        copy.setAdditionalProperties(original.getAdditionalProperties());
        return copy;
    }

    private static boolean isObject(Schema<?> schema) {
        return schema != null && schema.getTypes() != null && schema.getTypes().contains("object")
                && schema.getEnum() == null;
    }

    private static String name(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static Schema<?> ref(String name) {
        return new Schema<>(SpecVersion.V31).$ref(OpenApiSchemas.PREFIX + name);
    }
}
