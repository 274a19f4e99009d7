package io.cascade.platform.api;

import io.cascade.shared.InvalidInputException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * RFC 7396 JSON merge patch onto a typed document: the current state is turned into JSON, the patch merged onto it,
 * the result read back into the document type (unknown fields and wrong types refused with 400, as everywhere; a
 * {@code null} for a field the document does not have is an unknown field too).
 * Validating the result is the application service's job ({@link Validation}).
 */
@Component
public class JsonMergePatch {
    private final JsonMapper mapper;

    JsonMergePatch(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object (a merge patch)");
        }
        JsonNode document = mapper.valueToTree(current);
        ObjectNode merged = (ObjectNode) merge(document, patch);
        // a null for a name the document does not have is no removal but an unknown field: kept, so that reading the
        // result refuses it (400) exactly like an unknown field with a value
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            if (entry.getValue().isNull() && !document.has(entry.getKey())) {
                merged.putNull(entry.getKey());
            }
        }
        return mapper.treeToValue(merged, type);
    }

    private JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy()
                : mapper.createObjectNode();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
            } else {
                result.set(entry.getKey(), merge(result.get(entry.getKey()), entry.getValue()));
            }
        }
        return result;
    }
}
