package io.cascade.shared;

import java.util.List;

/** Input that is well-formed but breaks a field rule, naming every bad field. */
public class InvalidInputException extends RuntimeException {
    private final List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super("The request has invalid fields.", null, false, false);
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** Always {@link Problem#INVALID_INPUT}, of the kind {@link Problem.Kind#UNPROCESSABLE}. */
    public Problem problem() {
        return Problem.INVALID_INPUT;
    }
}
