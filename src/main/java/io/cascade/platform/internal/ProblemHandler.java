package io.cascade.platform.internal;

import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one place where exceptions become RFC 9457 problem answers. Bad input never reaches the log as an error and
 * never answers 500; unexpected failures answer 500 without any detail of the cause.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    /** How Jackson's strict duplicate detection names a key given twice. */
    private static final String DUPLICATE = "Duplicate Object property \"";

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return problem(e.problem(), e.getMessage(), Map.of());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Object> forbidden(ForbiddenException e) {
        return problem(e.problem(), e.getMessage(),
                Map.of("privilege", e.privilege().name()));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalid(InvalidInputException e) {
        return invalidFields(Problem.Kind.UNPROCESSABLE, e.problems());
    }

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<Object> rule(RuleViolationException e) {
        ResponseEntity<Object> answer = problem(e.kind(), e.problem(), e.getMessage(), e.properties());
        Object retryAfter = e.properties().get("retryAfterSeconds");
        if (retryAfter != null) {
            return ResponseEntity.status(answer.getStatusCode()).header(HttpHeaders.RETRY_AFTER, retryAfter.toString())
                    .body(answer.getBody());
        }
        return answer;
    }

    @ExceptionHandler(PreconditionFailedException.class)
    ResponseEntity<Object> preconditionFailed(PreconditionFailedException e) {
        return problem(e.problem(), e.getMessage(), Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalidFields(Problem.Kind.UNREADABLE, List.of(new FieldProblem(e.getName(), expected(e.getRequiredType()))));
    }

    @ExceptionHandler(JacksonException.class)
    ResponseEntity<Object> jackson(JacksonException e) {
        return jacksonProblem(e);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e) {
        if (e.getMostSpecificCause() instanceof java.sql.SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22")) {
            return problem(Problem.Kind.UNREADABLE, Problem.INVALID_INPUT,
                    "A value is out of range or contains characters that cannot be stored (such as NUL).", Map.of());
        }
        log.warn("Refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        return problem(Problem.CONFLICT, "The change conflicts with existing data.", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return problem(Problem.INTERNAL_ERROR,
                "Something went wrong on our side; it has been logged.", Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return jacksonProblem(ex.getCause());
    }

    private ResponseEntity<Object> jacksonProblem(Throwable cause) {
        if (cause instanceof ValueInstantiationException vie && vie.getCause() instanceof InvalidInputException iie) {
            String prefix = vie.getPath().isEmpty() ? "" : path(vie) + ".";
            return invalidFields(Problem.Kind.UNREADABLE, iie.problems().stream()
                    .map(p -> new FieldProblem(prefix + p.field(), p.message())).toList());
        }
        if (cause instanceof StreamReadException sre && sre.getOriginalMessage() != null
                && sre.getOriginalMessage().startsWith(DUPLICATE)) {
            String message = sre.getOriginalMessage();
            int end = message.indexOf('"', DUPLICATE.length());
            String name = message.substring(DUPLICATE.length(), end < 0 ? message.length() : end);
            String parent = sre.getPath().isEmpty() ? "" : path(sre) + ".";
            return invalidFields(Problem.Kind.UNREADABLE,
                    List.of(new FieldProblem(parent + name, "appears more than once; give each field once")));
        }
        if (cause instanceof InputCoercionException ice) {
            return invalidFields(Problem.Kind.UNREADABLE, List.of(new FieldProblem(path(ice), "is out of range")));
        }
        if (cause instanceof UnrecognizedPropertyException upe) {
            return invalidFields(Problem.Kind.UNREADABLE,
                    List.of(new FieldProblem(path(upe), "is not a field of this request (or cannot be changed)")));
        }
        if (cause instanceof InvalidFormatException ife) {
            Class<?> target = ife.getTargetType();
            return invalidFields(Problem.Kind.UNREADABLE, List.of(new FieldProblem(path(ife), expected(target))));
        }
        if (cause instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
            return invalidFields(Problem.Kind.UNREADABLE, List.of(new FieldProblem(path(mie), expected(mie.getTargetType()))));
        }
        if (cause instanceof MismatchedInputException) {
            return problem(Problem.MALFORMED_REQUEST, "The body must be a JSON object.", Map.of());
        }
        if (cause instanceof JacksonException je && !je.getPath().isEmpty()
                && !(cause instanceof StreamReadException)) {
            return invalidFields(Problem.Kind.UNREADABLE, List.of(new FieldProblem(path(je), "has an invalid value")));
        }
        String detail = cause instanceof StreamReadException sre && sre.getLocation() != null
                ? "The body is not valid JSON (line " + sre.getLocation().getLineNr() + ", column "
                        + sre.getLocation().getColumnNr() + ")."
                : cause instanceof JacksonException ? "The body is not valid JSON."
                : "The request body is missing or unreadable.";
        return problem(Problem.MALFORMED_REQUEST, detail, Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return invalidFields(Problem.Kind.UNPROCESSABLE, problems);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> problems.add(
                new FieldProblem(result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return invalidFields(Problem.Kind.UNREADABLE, problems);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers,
                                                                          HttpStatusCode status,
                                                                          WebRequest request) {
        return invalidFields(Problem.Kind.UNREADABLE, List.of(new FieldProblem(ex.getParameterName(), "is required")));
    }

    /** Problems made by Spring MVC itself (unknown path 404, 405, 406, 415...) get a Cascade type too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(ProblemStatuses.ofFrameworkStatus(statusCode).type());
        }
        return answer;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == java.util.Currency.class) {
            return "must be an ISO 4217 currency code, e.g. EUR";
        }
        if (type == java.util.UUID.class) {
            return "must be an id (UUID)";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == java.time.LocalDate.class) {
            return "must be a date (YYYY-MM-DD)";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "must be a timestamp (ISO-8601)";
        }
        if (type == String.class) {
            return "must be a string";
        }
        return "has the wrong type";
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** {@link Problem#INVALID_INPUT}: {@code UNREADABLE} when the request cannot be read, else {@code UNPROCESSABLE}. */
    private static ResponseEntity<Object> invalidFields(Problem.Kind kind, List<FieldProblem> problems) {
        return problem(kind, Problem.INVALID_INPUT, "The request has invalid fields; see errors.",
                Map.of("errors", problems));
    }

    static ResponseEntity<Object> problem(Problem problem, String detail, Map<String, Object> properties) {
        return problem(problem.kind(), problem, detail, properties);
    }

    /** A problem answered as {@code kind}, its own or the second kind it allows (see {@link Problem}). */
    private static ResponseEntity<Object> problem(Problem.Kind kind, Problem problem, String detail,
                                                  Map<String, Object> properties) {
        HttpStatus status = ProblemStatuses.of(kind);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(problem.type());
        body.setTitle(status.getReasonPhrase());
        properties.forEach(body::setProperty);
        return ResponseEntity.status(status).body(body);
    }
}
