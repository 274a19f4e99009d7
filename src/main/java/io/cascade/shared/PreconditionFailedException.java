package io.cascade.shared;

/** The resource changed since the version named in If-Match. */
public class PreconditionFailedException extends RuntimeException {
    public PreconditionFailedException() {
        super("The resource was changed since you read it; read it again and retry.", null, false, false);
    }

    /** Always {@link Problem#STALE_ETAG}. */
    public Problem problem() {
        return Problem.STALE_ETAG;
    }
}
