package io.cascade.platform.api;

import io.cascade.shared.Problem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a problem answer where no controller advice can (servlet filters, security entry points), in the same shape
 * as {@code ProblemHandler}.
 */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, Problem problem, String detail) throws IOException {
        write(response, ProblemStatuses.of(problem), problem, detail);
    }

    /** A problem with extra members (texts or numbers), e.g. the {@code feature} of {@code feature-not-licensed}. */
    public static void write(HttpServletResponse response, Problem problem, String detail,
                             Map<String, Object> properties) throws IOException {
        HttpStatus status = ProblemStatuses.of(problem);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> body = body(status, problem, detail);
        body.putAll(properties);
        response.getWriter().write(toJson(body));
    }

    /** A problem answered with a status the servlet container or the framework chose (414, 431...). */
    public static void write(HttpServletResponse response, HttpStatus status, Problem problem, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(status, problem, detail));
    }

    /** The problem's JSON body, for writers that have no servlet response at hand (the servlet container's valve). */
    public static String json(HttpStatus status, Problem problem, String detail) {
        return toJson(body(status, problem, detail));
    }

    private static Map<String, Object> body(HttpStatus status, Problem problem, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().toString());
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        return body;
    }

    private static String toJson(Map<String, Object> body) {
        StringBuilder json = new StringBuilder("{");
        body.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(key).append("\":");
            if (value instanceof Number) {
                json.append(value);
            } else {
                json.append('"').append(escape(String.valueOf(value))).append('"');
            }
        });
        return json.append('}').toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
