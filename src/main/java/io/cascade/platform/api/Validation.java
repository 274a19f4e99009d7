package io.cascade.platform.api;

import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validates a request document in the application service — after the subtree and privilege checks, so that a
 * caller outside the subtree learns nothing from validation errors — and reports every bad field at once: the Bean
 * Validation constraints of the document plus the rules the service adds.
 */
@Component
public class Validation {
    private final Validator validator;

    Validation(Validator validator) {
        this.validator = validator;
    }

    public void check(Object document, List<FieldProblem> ruleProblems) {
        List<FieldProblem> problems = new ArrayList<>();
        validator.validate(document).forEach(violation -> problems.add(
                new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage())));
        java.util.Set<String> reported = new java.util.HashSet<>();
        problems.forEach(problem -> reported.add(problem.field()));
        ruleProblems.stream().filter(problem -> reported.add(problem.field())).forEach(problems::add);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(FieldProblem::field));
            throw new InvalidInputException(problems);
        }
    }

    public void check(Object document) {
        check(document, List.of());
    }
}
