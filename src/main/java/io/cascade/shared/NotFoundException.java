package io.cascade.shared;

/**
 * A resource that does not exist, or that exists outside the caller's subtree: both answer the same, on purpose.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException() {
        super("The requested resource does not exist.", null, false, false);
    }

    /** Always {@link Problem#NOT_FOUND}. */
    public Problem problem() {
        return Problem.NOT_FOUND;
    }
}
