package io.cascade.platform.internal;

import io.cascade.platform.api.ProblemResponses;
import io.cascade.shared.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.RequestPath;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a write before anything runs when its answer could not be given in the media type the client accepts, or
 * when its body is a merge patch although the operation is no {@code PATCH}. Spring MVC decides the answer's media type
 * only after the handler has run, so without this a {@code POST} with {@code Accept: text/csv} would create the
 * account and then answer 406 (and an {@code Idempotency-Key} would replay that 406). This filter runs after
 * authentication and before {@link IdempotencyFilter}: it finds the handler the request maps to, works out the media
 * types its return type can be written as (with the same message converters and content negotiation MVC uses) and
 * answers 406 {@code not-acceptable} when none of them is acceptable. Reads are left to MVC: they change nothing.
 */
class WriteNegotiationFilter extends OncePerRequestFilter {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

    private final ObjectProvider<RequestMappingHandlerMapping> mapping;
    private final ObjectProvider<RequestMappingHandlerAdapter> adapter;
    private final ObjectProvider<ContentNegotiationManager> negotiation;
    private final Map<HandlerMethod, List<MediaType>> producible = new ConcurrentHashMap<>();

    /** MVC's own beans, looked up on first use: the filter is registered before MVC is set up. */
    WriteNegotiationFilter(ObjectProvider<RequestMappingHandlerMapping> mapping,
                           ObjectProvider<RequestMappingHandlerAdapter> adapter,
                           ObjectProvider<ContentNegotiationManager> negotiation) {
        this.mapping = mapping;
        this.adapter = adapter;
        this.negotiation = negotiation;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"PATCH".equals(request.getMethod()) && isMergePatch(request.getContentType())) {
            ProblemResponses.write(response, Problem.UNSUPPORTED_MEDIA_TYPE, "application/merge-patch+json is "
                    + "accepted by PATCH only; send " + request.getMethod() + " bodies as application/json.");
            return;
        }
        if (acceptsAnything(request.getHeader("Accept"))) {
            chain.doFilter(request, response); // every answer is acceptable: no second handler lookup on the hot path
            return;
        }
        HandlerMethod handler;
        try {
            handler = handler(request);
        } catch (HttpMediaTypeNotAcceptableException e) {
            refuse(response, e.getSupportedMediaTypes());
            return;
        }
        if (handler != null) {
            List<MediaType> offered = producible.computeIfAbsent(handler, this::producibleTypes);
            if (!offered.isEmpty() && !acceptable(request, offered)) {
                refuse(response, offered);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isMergePatch(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MERGE_PATCH.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (RuntimeException e) {
            return false; // MVC answers an unreadable Content-Type itself
        }
    }

    /** No {@code Accept} header, or one that allows any type ({@code *\/*}, also beside others). */
    private static boolean acceptsAnything(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(MediaType::isWildcardType);
        } catch (RuntimeException e) {
            return false; // unreadable: negotiated the slow way below, where MVC's own answer applies
        }
    }

    /** The handler method MVC will run, found the way the dispatcher finds it; null for anything else. */
    private HandlerMethod handler(HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request) : null;
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain found = mapping.getObject().getHandler(request);
            return found != null && found.getHandler() instanceof HandlerMethod method ? method : null;
        } catch (HttpMediaTypeNotAcceptableException e) {
            throw e;
        } catch (Exception e) {
            return null; // no such path, wrong method, wrong Content-Type...: MVC answers these without running anything
        } finally {
            ServletRequestPathUtils.setParsedRequestPath(previous, request);
            request.removeAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE);
        }
    }

    /** The media types the handler's answer body can be written as; empty when it answers no body. */
    private List<MediaType> producibleTypes(HandlerMethod handler) {
        MethodParameter returnType = handler.getReturnType();
        ResolvableType type = ResolvableType.forMethodParameter(returnType);
        if (HttpEntity.class.isAssignableFrom(returnType.getParameterType())) {
            type = type.as(HttpEntity.class).getGeneric(0);
        }
        Class<?> body = type.resolve();
        if (body == null || body == void.class || body == Void.class || body == Object.class) {
            return List.of();
        }
        Set<MediaType> types = new LinkedHashSet<>();
        for (HttpMessageConverter<?> converter : adapter.getObject().getMessageConverters()) {
            if (converter.canWrite(body, null)) {
                types.addAll(converter.getSupportedMediaTypes(body));
            }
        }
        return List.copyOf(types);
    }

    private boolean acceptable(HttpServletRequest request, List<MediaType> offered) {
        List<MediaType> accepted;
        try {
            accepted = negotiation.getObject().resolveMediaTypes(new ServletWebRequest(request));
        } catch (HttpMediaTypeNotAcceptableException e) {
            return false;
        }
        for (MediaType accept : accepted) {
            for (MediaType offer : offered) {
                if (accept.isCompatibleWith(offer)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void refuse(HttpServletResponse response, Collection<MediaType> offered) throws IOException {
        List<String> types = new ArrayList<>();
        offered.forEach(type -> types.add(type.toString()));
        ProblemResponses.write(response, Problem.NOT_ACCEPTABLE, "This operation answers " + String.join(", ", types)
                + "; the Accept header allows none of them. Nothing was done.");
    }
}
