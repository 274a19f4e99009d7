package io.cascade.panels.internal;

import io.cascade.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.util.Set;

/**
 * The whole panel of a service user (ADR 0009): its own page ({@code /panel/profile}: its mailbox and its password)
 * and signing out. Every other panel address answers the "Not found" page, before any controller runs, so no page
 * can show a service user more than the services would already refuse it; the start page leads to its own page.
 */
@Configuration(proxyBeanMethods = false)
class ServiceUserPanel implements WebMvcConfigurer, HandlerInterceptor {
    static final String HOME = "/panel/profile";
    private static final Set<String> OPEN = Set.of(HOME, "/panel/profile/password", "/panel/form-expired",
            "/panel/act-as/stop",
            PasswordPagesController.INVITATION, PasswordPagesController.FORGOT, PasswordPagesController.RESET);

    private final Viewers viewers;

    ServiceUserPanel(Viewers viewers) {
        this.viewers = viewers;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/", "/panel", "/panel/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (viewers.of(request).filter(Viewer::serviceUser).isEmpty()) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/") || path.equals("/panel")) {
            response.sendRedirect(request.getContextPath() + HOME);
            return false;
        }
        if (OPEN.contains(path)) {
            return true;
        }
        throw new NotFoundException();
    }
}
