package io.cascade.provisioning.api;

/**
 * What an adapter answers for one operation.
 * <ul>
 *     <li>{@link #done()}: carried out; the task is DONE.</li>
 *     <li>{@link #accepted(String)}: the remote system took it and reports completion later through the signed
 *     callback ({@code POST /api/v1/provisioning-callbacks/{taskId}}); the task stays RUNNING until then, and is
 *     tried again if no callback arrives within the callback timeout.</li>
 *     <li>{@link #retry(String)}: a transient failure (timeout, 5xx, connection refused); tried again with back-off
 *     until the attempts run out.</li>
 *     <li>{@link #failed(String)}: a permanent failure (the remote refused the request); FAILED at once, until
 *     somebody retries it through the API.</li>
 * </ul>
 * An adapter may also throw: any exception counts as {@link #retry(String)} with its message.
 */
public record Outcome(Kind kind, String detail, String externalRef) {

    public enum Kind {
        DONE, ACCEPTED, RETRY, FAILED
    }

    public static Outcome done() {
        return new Outcome(Kind.DONE, null, null);
    }

    public static Outcome done(String externalRef) {
        return new Outcome(Kind.DONE, null, externalRef);
    }

    public static Outcome accepted(String externalRef) {
        return new Outcome(Kind.ACCEPTED, null, externalRef);
    }

    public static Outcome retry(String reason) {
        return new Outcome(Kind.RETRY, reason, null);
    }

    public static Outcome failed(String reason) {
        return new Outcome(Kind.FAILED, reason, null);
    }
}
