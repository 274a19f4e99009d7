package io.cascade.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MVC's request mappings with an index by the shape of their paths (issue 20, P1). A path with a variable
 * ({@code /api/v1/accounts/{id}}) has no direct lookup, so MVC tries every one of the application's several hundred
 * mappings in turn, each with its method, parameter, header, media-type and pattern conditions: about 30 % of a bearer
 * read's request-thread time. Here each mapping's patterns are split into segments once; a request looks only at the
 * mappings with as many segments whose literal segments equal its own, and MVC's own conditions decide among those.
 * <p>
 * Only the plain case is answered here: one mapping matches, the path has no percent-escape, matrix variable, empty
 * segment or trailing slash, and the request is no CORS pre-flight. Everything else — no match (404, 405, 406, 415),
 * several matches, patterns with {@code **} or {@code {*rest}} — goes to MVC's own lookup, so its answers stay exactly
 * as they were.
 */
final class IndexedRequestMappings extends RequestMappingHandlerMapping {
    /** The mappings by their paths' segment count; each with its literal segments (null where a variable is). */
    private volatile Map<Integer, List<Shape>> bySegments = Map.of();
    /** Mappings with a pattern the index cannot hold ({@code /}, {@code **}, {@code {*rest}}...): always tried. */
    private volatile List<RequestMappingInfo> unindexed = List.of();

    private record Shape(RequestMappingInfo info, HandlerMethod handler, String[] literals) {
    }

    @Override
    protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        super.handlerMethodsInitialized(handlerMethods);
        Map<Integer, List<Shape>> index = new HashMap<>();
        List<RequestMappingInfo> others = new ArrayList<>();
        handlerMethods.forEach((info, handler) -> {
            PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
            List<String[]> shapes = new ArrayList<>();
            if (patterns != null && !patterns.getPatternValues().isEmpty()) {
                for (String pattern : patterns.getPatternValues()) {
                    shapes.add(literals(pattern));
                }
            }
            if (shapes.isEmpty() || shapes.contains(null)) {
                others.add(info);
                return;
            }
            for (String[] literals : shapes) {
                index.computeIfAbsent(literals.length, n -> new ArrayList<>()).add(new Shape(info, handler, literals));
            }
        });
        bySegments = index;
        unindexed = List.copyOf(others);
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        String[] segments = plainSegments(lookupPath);
        if (segments == null || CorsUtils.isPreFlightRequest(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        Shape found = null;
        RequestMappingInfo match = null;
        for (Shape shape : bySegments.getOrDefault(segments.length, List.of())) {
            if ((found != null && shape.info() == found.info()) || !fits(shape.literals(), segments)) {
                continue;
            }
            RequestMappingInfo matching = getMatchingMapping(shape.info(), request);
            if (matching != null) {
                if (found != null) {
                    return super.lookupHandlerMethod(lookupPath, request); // several: MVC chooses, as always
                }
                found = shape;
                match = matching;
            }
        }
        for (RequestMappingInfo info : unindexed) {
            if (getMatchingMapping(info, request) != null) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
        }
        if (found == null) {
            return super.lookupHandlerMethod(lookupPath, request); // MVC answers 404, 405, 406 or 415 as always
        }
        // what MVC does with its one match
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, found.handler());
        handleMatch(match, lookupPath, request);
        return found.handler();
    }

    /**
     * A pattern's segments: the literal ones as they are, null for a segment with a variable; null for a pattern the
     * index does not hold (wildcards, a variable that captures the rest, an empty or trailing segment).
     */
    static String[] literals(String pattern) {
        if (!pattern.startsWith("/") || pattern.length() == 1 || pattern.endsWith("/") || pattern.contains("//")
                || pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('\\') >= 0
                || pattern.indexOf(':') >= 0) {
            return null; // wildcards, a variable capturing the rest, regular expressions: MVC's own lookup only
        }
        String[] literals = pattern.substring(1).split("/", -1);
        for (int i = 0; i < literals.length; i++) {
            if (literals[i].indexOf('{') >= 0 || literals[i].indexOf('}') >= 0) {
                literals[i] = null; // a segment with a variable, whole or partial: MVC's conditions check it
            }
        }
        return literals;
    }

    /** The path's segments, or null when the path is not plain (escapes, matrix variables, empty segments). */
    static String[] plainSegments(String path) {
        if (path == null || !path.startsWith("/") || path.length() == 1 || path.endsWith("/") || path.contains("//")
                || path.indexOf('%') >= 0 || path.indexOf(';') >= 0) {
            return null;
        }
        return path.substring(1).split("/", -1);
    }

    private static boolean fits(String[] literals, String[] segments) {
        for (int i = 0; i < literals.length; i++) {
            if (literals[i] != null && !literals[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }
}
