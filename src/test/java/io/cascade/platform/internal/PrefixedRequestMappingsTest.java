package io.cascade.platform.internal;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixedRequestMappingsTest {
    private static final RequestMappingInfo.BuilderConfiguration CONFIG = new RequestMappingInfo.BuilderConfiguration();

    static {
        CONFIG.setPatternParser(new PathPatternParser());
    }

    private static RequestMappingInfo mapping(String... patterns) {
        return RequestMappingInfo.paths(patterns).methods(RequestMethod.GET).options(CONFIG).build();
    }

    private static MockHttpServletRequest get(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }

    @Test
    void theLiteralBeginningEndsAtTheFirstVariableOrWildcard() {
        assertThat(PrefixedRequestMappings.literalPrefix(mapping("/api/v1/accounts/{id}/plans")))
                .isEqualTo("/api/v1/accounts/");
        assertThat(PrefixedRequestMappings.literalPrefix(mapping("/api/v1/me"))).isEqualTo("/api/v1/me");
        assertThat(PrefixedRequestMappings.literalPrefix(mapping("/assets/**"))).isEqualTo("/assets/");
        assertThat(PrefixedRequestMappings.literalPrefix(mapping("/panel/plans/{id}", "/panel/plans/{id}/edit")))
                .isEqualTo("/panel/plans/");
        assertThat(PrefixedRequestMappings.literalPrefix(mapping("/store", "/panel/storefront"))).isEqualTo("/");
    }

    @Test
    void aMappingIsPassedOverOnlyWhenThePathCannotMatchIt() {
        PrefixedRequestMappings mappings = new PrefixedRequestMappings();
        RequestMappingInfo account = mapping("/api/v1/accounts/{id}");
        assertThat(mappings.getMatchingMapping(account, get("/api/v1/accounts/42"))).isNotNull();
        assertThat(mappings.getMatchingMapping(account, get("/api/v1/plans/42"))).isNull();
        assertThat(mappings.getMatchingMapping(account, get("/api/v1/accounts"))).isNull();
        // with a percent-escape the path is matched the full way, as MVC decodes it
        assertThat(mappings.getMatchingMapping(account, get("/api/v1/%61ccounts/42"))).isNotNull();
        assertThat(mappings.getMatchingMapping(mapping("/api/v1/me"), get("/api/v1/me"))).isNotNull();
    }
}
