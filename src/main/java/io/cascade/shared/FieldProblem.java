package io.cascade.shared;

/** One bad field of a request: {@code field} is a JSON path such as {@code address.country}. */
public record FieldProblem(String field, String message) {
}
