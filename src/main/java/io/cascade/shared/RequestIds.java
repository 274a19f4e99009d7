package io.cascade.shared;

/** Where the current request's correlation id is kept: a request attribute, echoed in the X-Request-Id header. */
public final class RequestIds {
    public static final String ATTRIBUTE = "cascade.requestId";
    public static final String HEADER = "X-Request-Id";

    private RequestIds() {
    }
}
