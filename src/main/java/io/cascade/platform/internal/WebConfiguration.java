package io.cascade.platform.internal;

import io.cascade.platform.api.ProblemResponses;
import io.cascade.shared.Problem;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** MVC's request mappings, looked up through an index of their paths' segments ({@link IndexedRequestMappings}). */
    @Bean
    WebMvcRegistrations indexedRequestMappings() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new IndexedRequestMappings();
            }
        };
    }

    /** Runs after Spring Security's filter chain (order -100), so the caller is known. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcClient jdbc, Clock clock) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(jdbc, clock));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0);
        return registration;
    }

    /**
     * Runs after Spring Security's filter chain and before the idempotency filter: a write that could not be answered
     * in an accepted media type is refused before it runs and before its Idempotency-Key is claimed.
     */
    @Bean
    FilterRegistrationBean<WriteNegotiationFilter> writeNegotiationFilter(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping,
            ObjectProvider<RequestMappingHandlerAdapter> adapter,
            @Qualifier("mvcContentNegotiationManager") ObjectProvider<ContentNegotiationManager> negotiation) {
        FilterRegistrationBean<WriteNegotiationFilter> registration =
                new FilterRegistrationBean<>(new WriteNegotiationFilter(mapping, adapter, negotiation));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(-10);
        return registration;
    }

    /**
     * No Spring Security observations (one per security filter, authentication and authorization): they cost about a
     * tenth of an API read's CPU (docs/benchmarks.md, P1) and no metric or trace uses them. The HTTP server
     * observation ({@code http.server.requests}) stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's firewall refuses paths with {@code //}, {@code ..}, encoded slashes or dots, and odd headers;
     * such a request answers 400 {@code bad-request} as a problem, like every other refusal.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> ProblemResponses.write(response, Problem.BAD_REQUEST,
                "The request was refused: its path or headers are not allowed (e.g. '//', '..', an encoded slash "
                        + "or a control character).");
    }

    /**
     * Tomcat's own error report (for what it refuses before the application runs) becomes a problem answer: runs after
     * Spring Boot's customizer, which installs Tomcat's plain report valve, and puts {@link ProblemReportValve} in its
     * place.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemReports() {
        return factory -> factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
            host.getPipeline().addValve(new ProblemReportValve());
        });
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
