package io.cascade.platform.internal;

import io.cascade.platform.api.ProblemResponses;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The servlet container's error page, instead of Spring Boot's own: whatever reaches {@code /error} — a
 * {@code sendError} of Spring Security's firewall (a path with {@code //}, {@code ..} or an encoded slash), an
 * exception no controller advice saw, a status the container chose — answers an RFC 9457 problem typed by its status,
 * or the panels' error page for a browser outside {@code /api}. Called directly, {@code /error} is no resource: 404.
 */
@Controller
class ProblemErrorController implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (code == null) {
            status = HttpStatus.NOT_FOUND;
        } else if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status.is5xxServerError() && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable e) {
            log.error("Unexpected failure outside the controllers", e);
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String text ? text : request.getRequestURI();
        if (!path.startsWith("/api/") && wantsHtml(request)) {
            response.setStatus(status.value());
            return new ModelAndView("error", Map.of("status", status.value()), status);
        }
        Problem problem = ProblemStatuses.ofFrameworkStatus(status);
        ProblemResponses.write(response, status, problem, detail(status, code == null));
        return null;
    }

    private static String detail(HttpStatus status, boolean direct) {
        if (direct) {
            return "There is nothing at this path.";
        }
        return switch (status) {
            case BAD_REQUEST -> "The request was refused before it reached the API: its path, query or headers are "
                    + "malformed (e.g. an encoded slash, '..', '//' or invalid percent-encoding).";
            case NOT_FOUND -> "There is nothing at this path.";
            case INTERNAL_SERVER_ERROR -> "Something went wrong on our side; it has been logged.";
            default -> status.getReasonPhrase() + ".";
        };
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch(type -> type.getType().equals("text") && type.getSubtype().equals("html"));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
