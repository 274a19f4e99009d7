package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;
import java.util.Optional;

/** Hands panel controllers the {@link Viewer} of the request (built once per request, from the session's callers). */
@Configuration(proxyBeanMethods = false)
class Viewers implements HandlerMethodArgumentResolver, WebMvcConfigurer {
    private static final String ATTRIBUTE = "cascade.panel.viewer";
    private final AccountManagement accounts;

    Viewers(AccountManagement accounts) {
        this.accounts = accounts;
    }

    Optional<Viewer> of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Viewer viewer) {
            return Optional.of(viewer);
        }
        if (!(request.getAttribute(PanelSessionFilter.CALLERS) instanceof PanelSessionFilter.Callers callers)) {
            return Optional.empty();
        }
        AccountView account = accounts.own(callers.caller());
        AccountView home = callers.caller().actingOnBehalf() ? accounts.own(callers.home()) : account;
        Viewer viewer = new Viewer(callers.caller(), callers.home(), account, home);
        request.setAttribute(ATTRIBUTE, viewer);
        return Optional.of(viewer);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Viewer.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        return of(request).orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Not signed in"));
    }
}
