package io.cascade.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.RequestPath;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MVC's request mappings, each asked first whether the request's path starts with the literal beginning of its
 * patterns (issue 20, P1). A path with a variable ({@code /api/v1/accounts/{id}}) has no direct lookup, so MVC tries
 * every one of the application's several hundred mappings in turn, each with its method, parameter, header, media
 * type and pattern conditions: about 30 % of a bearer read's request-thread time. A mapping whose literal beginning
 * the path does not share cannot match; it is now passed over with one string comparison, and every other mapping is
 * matched by MVC exactly as before. A path with a percent-escape is always matched the full way (a pattern's
 * literal is compared with the decoded path there).
 */
final class PrefixedRequestMappings extends RequestMappingHandlerMapping {
    /** Each mapping's literal beginning: the common start of its patterns up to the first variable or wildcard. */
    private final Map<RequestMappingInfo, String> prefixes = new ConcurrentHashMap<>();

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        String prefix = prefixes.computeIfAbsent(info, PrefixedRequestMappings::literalPrefix);
        if (prefix.length() > 1 && ServletRequestPathUtils.hasParsedRequestPath(request)) {
            RequestPath path = ServletRequestPathUtils.getParsedRequestPath(request);
            String value = path.pathWithinApplication().value();
            if (value.indexOf('%') < 0 && !value.startsWith(prefix)) {
                return null;
            }
        }
        return super.getMatchingMapping(info, request);
    }

    /** The longest start every pattern of the mapping shares before its first {@code {}, {@code *} or {@code ?}. */
    static String literalPrefix(RequestMappingInfo info) {
        PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
        if (patterns == null || patterns.getPatternValues().isEmpty()) {
            return "";
        }
        String common = null;
        for (String pattern : patterns.getPatternValues()) {
            String literal = literalStart(pattern);
            common = common == null ? literal : commonStart(common, literal);
        }
        return common;
    }

    private static String literalStart(String pattern) {
        int end = pattern.length();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' || c == '*' || c == '?' || c == '\\') {
                end = i;
                break;
            }
        }
        return pattern.substring(0, end);
    }

    private static String commonStart(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }
}
