package io.cascade.platform;

import java.net.URI;

/** Problem {@code type} URIs: {@code urn:cascade:problem:<rule>}, one per rule, stable for clients. */
public final class ProblemTypes {
    private ProblemTypes() {
    }

    public static URI of(String rule) {
        return URI.create("urn:cascade:problem:" + rule);
    }
}
