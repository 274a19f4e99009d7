package io.cascade.platform;

import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * RFC 7396 JSON merge patch onto a typed document: the current state is turned into JSON, the patch merged onto it,
 * the result read back into the document type (unknown fields refused, as everywhere) and validated. Errors become
 * the usual 400/422 problems.
 */
@Component
public class JsonMergePatch {
    private final JsonMapper mapper;
    private final Validator validator;

    JsonMergePatch(JsonMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object (a merge patch)");
        }
        JsonNode merged = merge(mapper.valueToTree(current), patch);
        T result = mapper.treeToValue(merged, type);
        validate(result);
        return result;
    }

    public <T> void validate(T value) {
        var violations = validator.validate(value);
        if (!violations.isEmpty()) {
            List<FieldProblem> problems = violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(JsonMergePatch::problem).toList();
            throw new InvalidInputException(problems);
        }
    }

    private static FieldProblem problem(ConstraintViolation<?> violation) {
        return new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage());
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
