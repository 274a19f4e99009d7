package io.cascade.brands.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The public brand assets ({@link BrandAssetController}) have their own filter chain: open to anyone, no session, no
 * CSRF token, and no "never cache" headers, because their names are their content. Ahead of the API's chain, which
 * would ask for a token; the panels' chain does not match these paths.
 */
@Configuration(proxyBeanMethods = false)
class BrandAssetSecurity {

    @Bean
    @Order(2)
    SecurityFilterChain brandAssets(HttpSecurity http) throws Exception {
        http
                .securityMatcher(BrandAssetController.PATH + "**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .headers(h -> h.cacheControl(c -> c.disable()).frameOptions(f -> f.deny()));
        return http.build();
    }
}
