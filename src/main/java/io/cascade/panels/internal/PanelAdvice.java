package io.cascade.panels.internal;

import io.cascade.brands.api.Brand;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;

/**
 * Errors of panel pages become readable pages (or, for htmx, a readable alert in place), never a stack trace or a
 * JSON problem: the message is the one the application service wrote for the rule. Ahead of the REST edge's
 * {@code ProblemHandler}, and only for the panels' controllers.
 */
@ControllerAdvice(basePackages = "io.cascade.panels")
@Order(Ordered.HIGHEST_PRECEDENCE)
class PanelAdvice {
    private static final Logger log = LoggerFactory.getLogger(PanelAdvice.class);
    private final Viewers viewers;
    private final PanelBrands brands;
    private final io.cascade.accounts.api.Licences licences;

    PanelAdvice(Viewers viewers, PanelBrands brands, io.cascade.accounts.api.Licences licences) {
        this.viewers = viewers;
        this.brands = brands;
        this.licences = licences;
    }

    /** What the page's accounts are licensed for: the navigation and tabs hide the rest (ADR 0038). */
    @ModelAttribute("licensed")
    LicensedFeatures licensed() {
        return new LicensedFeatures(licences);
    }

    @ModelAttribute("viewer")
    Viewer viewer(HttpServletRequest request) {
        return viewers.of(request).orElse(null);
    }

    /** The brand of the page: header, title, favicon and colours (ADR 0033). */
    @ModelAttribute("brand")
    Brand brand(HttpServletRequest request) {
        return brands.of(request, viewers.of(request).orElse(null));
    }

    @ModelAttribute("times")
    Times times() {
        return Times.INSTANCE;
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(HttpServletRequest request) {
        return page(request, HttpStatus.NOT_FOUND, "Not found",
                "This page does not exist, or what it shows is not in your part of the tree.", List.of());
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(ForbiddenException e, HttpServletRequest request) {
        return page(request, HttpStatus.FORBIDDEN, "Not allowed",
                "This needs the privilege " + e.privilege() + ", which your roles do not include.", List.of());
    }

    @ExceptionHandler(RuleViolationException.class)
    ModelAndView rule(RuleViolationException e, HttpServletRequest request) {
        return page(request, ProblemStatuses.of(e), "Not possible", e.getMessage(), List.of());
    }

    @ExceptionHandler(InvalidInputException.class)
    ModelAndView invalid(InvalidInputException e, HttpServletRequest request) {
        return page(request, HttpStatus.UNPROCESSABLE_CONTENT, "Invalid input", "Some values are not valid:",
                e.problems());
    }

    @ExceptionHandler(PreconditionFailedException.class)
    ModelAndView stale(HttpServletRequest request) {
        return page(request, HttpStatus.PRECONDITION_FAILED, "Changed meanwhile",
                "Someone changed this while you were looking at it. Reload the page and try again.", List.of());
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, ServletRequestBindingException.class})
    ModelAndView malformed(HttpServletRequest request) {
        return page(request, HttpStatus.BAD_REQUEST, "Malformed address",
                "The address of this page is malformed; follow a link instead of typing it.", List.of());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ModelAndView integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        log.warn("Refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        return page(request, HttpStatus.BAD_REQUEST, "Not saved",
                "A value is too long or contains characters that cannot be stored.", List.of());
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse answer) {
            return page(request, answer.getStatusCode(), "Not possible", "This request cannot be served.",
                    List.of());
        }
        log.error("Unexpected failure in a panel page", e);
        return page(request, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                "Something went wrong on our side; it has been logged. Try again in a moment.", List.of());
    }

    private ModelAndView page(HttpServletRequest request, HttpStatusCode status, String title, String message,
                              List<FieldProblem> problems) {
        ModelAndView page = new ModelAndView(Htmx.wantsFragment(request) ? "panel/error :: alert" : "panel/error");
        page.setStatus(status);
        page.addObject("heading", title);
        page.addObject("message", message);
        page.addObject("problems", problems);
        page.addObject("status", status.value());
        page.addObject("times", Times.INSTANCE);
        page.addObject("licensed", new LicensedFeatures(licences));
        Viewer viewer;
        try {
            viewer = viewers.of(request).orElse(null);
        } catch (RuntimeException e) {
            viewer = null;
        }
        page.addObject("viewer", viewer);
        try {
            page.addObject("brand", brands.of(request, viewer));
        } catch (RuntimeException e) {
            page.addObject("brand", Brand.platformDefault());
        }
        return page;
    }
}
