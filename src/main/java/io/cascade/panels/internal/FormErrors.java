package io.cascade.panels.internal;

import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.RuleViolationException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems an application service found with a form, placed at the form's fields: a problem's field (a JSON path
 * such as {@code address.country}, the same the REST API reports) names the input of that name; a problem with a
 * whole group ({@code resellerProfile}) goes to the group's first input; anything else is shown above the form.
 */
public final class FormErrors {
    private final List<String> fields;
    private final Map<String, String> byField = new LinkedHashMap<>();
    private final List<String> general = new ArrayList<>();

    /** @param fields the form's input names, in the order the form shows them */
    FormErrors(List<String> fields) {
        this.fields = List.copyOf(fields);
    }

    static FormErrors none() {
        return new FormErrors(List.of());
    }

    FormErrors add(FieldProblem problem) {
        String field = place(problem.field());
        if (field == null) {
            general.add(problem.field() + " " + problem.message());
        } else {
            byField.merge(field, problem.message(), (a, b) -> a + "; " + b);
        }
        return this;
    }

    FormErrors addAll(List<FieldProblem> problems) {
        problems.forEach(this::add);
        return this;
    }

    FormErrors add(String field, String message) {
        return add(new FieldProblem(field, message));
    }

    FormErrors general(String message) {
        general.add(message);
        return this;
    }

    /** The field problems of a refused change, or its message when it names no field. */
    FormErrors from(RuntimeException refusal) {
        if (refusal instanceof InvalidInputException invalid) {
            return addAll(invalid.problems());
        }
        if (refusal instanceof RuleViolationException rule && rule.properties().get("errors") instanceof List<?> list
                && !list.isEmpty()) {
            list.stream().filter(FieldProblem.class::isInstance).map(FieldProblem.class::cast).forEach(this::add);
            return this;
        }
        return general(refusal.getMessage());
    }

    private String place(String field) {
        if (field == null) {
            return null;
        }
        if (fields.contains(field)) {
            return field;
        }
        for (String candidate : fields) {
            if (candidate.startsWith(field + ".")) {
                return candidate;
            }
        }
        int dot = field.lastIndexOf('.');
        return dot > 0 ? place(field.substring(0, dot)) : null;
    }

    public boolean isEmpty() {
        return byField.isEmpty() && general.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String get(String field) {
        return byField.get(field);
    }

    public List<String> general() {
        return general;
    }

    public int count() {
        return byField.size() + general.size();
    }
}
