package io.cascade.shared;

/**
 * A resource that does not exist, or that exists outside the caller's subtree: both answer the same 404, on purpose.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException() {
        super("The requested resource does not exist.", null, false, false);
    }
}
