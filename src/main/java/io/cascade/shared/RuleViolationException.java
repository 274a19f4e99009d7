package io.cascade.shared;

import java.util.Map;

/**
 * A rule of the domain refuses the request (wrong status, depth cap, live accounts below...). {@code rule} names the
 * rule and becomes the problem {@code type}; {@code status} is 409 (state conflict) or 422 (request breaks a rule).
 */
public class RuleViolationException extends RuntimeException {
    private final String rule;
    private final int status;
    private final Map<String, Object> properties;

    public RuleViolationException(int status, String rule, String detail) {
        this(status, rule, detail, Map.of());
    }

    public RuleViolationException(int status, String rule, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.rule = rule;
        this.status = status;
        this.properties = Map.copyOf(properties);
    }

    public static RuleViolationException conflict(String rule, String detail) {
        return new RuleViolationException(409, rule, detail);
    }

    public static RuleViolationException unprocessable(String rule, String detail) {
        return new RuleViolationException(422, rule, detail);
    }

    public String rule() {
        return rule;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
