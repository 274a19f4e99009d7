package io.cascade.platform.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndexedRequestMappingsTest {

    @Test
    void aPatternIsIndexedByItsLiteralSegments() {
        assertThat(IndexedRequestMappings.literals("/api/v1/accounts/{id}/plans"))
                .containsExactly("api", "v1", "accounts", null, "plans");
        assertThat(IndexedRequestMappings.literals("/api/v1/me")).containsExactly("api", "v1", "me");
        assertThat(IndexedRequestMappings.literals("/api/v1/invoices/{id}.pdf"))
                .containsExactly("api", "v1", "invoices", null);
    }

    @Test
    void patternsTheIndexCannotHoldAreLeftToMvc() {
        assertThat(IndexedRequestMappings.literals("/")).isNull();
        assertThat(IndexedRequestMappings.literals("/assets/**")).isNull();
        assertThat(IndexedRequestMappings.literals("/files/{*rest}")).isNull();
        assertThat(IndexedRequestMappings.literals("/a?c")).isNull();
        assertThat(IndexedRequestMappings.literals("/api/v1/items/{id:[0-9]+}")).isNull();
        assertThat(IndexedRequestMappings.literals("/panel/")).isNull();
    }

    @Test
    void onlyPlainPathsAreLookedUpInTheIndex() {
        assertThat(IndexedRequestMappings.plainSegments("/api/v1/accounts/42")).containsExactly("api", "v1",
                "accounts", "42");
        assertThat(IndexedRequestMappings.plainSegments("/api/v1/%61ccounts/42")).isNull();
        assertThat(IndexedRequestMappings.plainSegments("/api/v1/accounts/42/")).isNull();
        assertThat(IndexedRequestMappings.plainSegments("/api/v1//accounts")).isNull();
        assertThat(IndexedRequestMappings.plainSegments("/api/v1/accounts;x=1/42")).isNull();
        assertThat(IndexedRequestMappings.plainSegments("/")).isNull();
    }
}
