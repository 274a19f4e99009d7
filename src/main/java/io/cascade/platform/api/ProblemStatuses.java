package io.cascade.platform.api;

import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The web layer's side of the problem catalog: which HTTP status each {@link Problem.Kind kind} of problem answers, and
 * which catalog entry types an answer Spring MVC made itself. Domain code names problems and kinds; only the REST edge
 * and the panels turn them into statuses, here.
 */
public final class ProblemStatuses {
    private ProblemStatuses() {
    }

    public static HttpStatus of(Problem.Kind kind) {
        return switch (kind) {
            case UNREADABLE -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_SUPPORTED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_OFFERED -> HttpStatus.NOT_ACCEPTABLE;
            case CONFLICT -> HttpStatus.CONFLICT;
            case STALE -> HttpStatus.PRECONDITION_FAILED;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case MEDIA_TYPE_NOT_SUPPORTED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case THROTTLED -> HttpStatus.TOO_MANY_REQUESTS;
            case FAILURE -> HttpStatus.INTERNAL_SERVER_ERROR;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** The status of a problem of its usual kind. */
    public static HttpStatus of(Problem problem) {
        return of(problem.kind());
    }

    /** The status of a refusal: of the kind the throw site chose. */
    public static HttpStatus of(RuleViolationException refusal) {
        return of(refusal.kind());
    }

    /** The catalog entry of an answer Spring MVC made itself with this status (an unknown path, a wrong method...). */
    public static Problem ofFrameworkStatus(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return Problem.ERROR;
        }
        return switch (known) {
            case BAD_REQUEST -> Problem.BAD_REQUEST;
            case NOT_FOUND -> Problem.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> Problem.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> Problem.NOT_ACCEPTABLE;
            case CONTENT_TOO_LARGE -> Problem.CONTENT_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> Problem.UNSUPPORTED_MEDIA_TYPE;
            case INTERNAL_SERVER_ERROR -> Problem.INTERNAL_SERVER_ERROR;
            case SERVICE_UNAVAILABLE -> Problem.SERVICE_UNAVAILABLE;
            default -> Problem.ERROR;
        };
    }
}
