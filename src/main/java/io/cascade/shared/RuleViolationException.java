package io.cascade.shared;

import java.util.Map;

/**
 * A rule of the domain refuses the request (wrong status, depth cap, live accounts below...). The {@link Problem}
 * names the rule and becomes the problem {@code type}; its {@link Problem.Kind kind} (the problem's own, or the second
 * kind it allows, chosen with {@link #unprocessable}) decides the HTTP status in the web layer.
 */
public class RuleViolationException extends RuntimeException {
    private final Problem problem;
    private final Problem.Kind kind;
    private final Map<String, Object> properties;

    public RuleViolationException(Problem problem, String detail) {
        this(problem, detail, Map.of());
    }

    public RuleViolationException(Problem problem, String detail, Map<String, Object> properties) {
        this(problem, problem.kind(), detail, properties);
    }

    private RuleViolationException(Problem problem, Problem.Kind kind, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        if (!problem.kinds().contains(kind)) {
            throw new IllegalArgumentException("The problem " + problem.slug() + " is never " + kind + ".");
        }
        this.problem = problem;
        this.kind = kind;
        this.properties = Map.copyOf(properties);
    }

    /** The state of what is acted on is in the way; {@code problem} must be a {@link Problem.Kind#CONFLICT}. */
    public static RuleViolationException conflict(Problem problem, String detail) {
        return new RuleViolationException(problem, Problem.Kind.CONFLICT, detail, Map.of());
    }

    /** The request breaks a rule; {@code problem} must allow {@link Problem.Kind#UNPROCESSABLE}. */
    public static RuleViolationException unprocessable(Problem problem, String detail) {
        return new RuleViolationException(problem, Problem.Kind.UNPROCESSABLE, detail, Map.of());
    }

    public Problem problem() {
        return problem;
    }

    public Problem.Kind kind() {
        return kind;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
