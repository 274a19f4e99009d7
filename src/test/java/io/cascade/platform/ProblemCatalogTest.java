package io.cascade.platform;

import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The problem catalog and the web layer's mapping of its kinds to HTTP statuses. */
class ProblemCatalogTest {

    @Test
    void everySlugIsUniqueAndLooksLikeASlug() {
        List<String> slugs = Arrays.stream(Problem.values()).map(Problem::slug).toList();
        assertThat(new HashSet<>(slugs)).hasSameSizeAs(slugs);
        assertThat(slugs).allSatisfy(slug -> assertThat(slug).matches("[a-z]+(-[a-z]+)*"));
    }

    @ParameterizedTest
    @EnumSource(Problem.class)
    void everyEntryHasItsTypeAndMapsEachOfItsKindsToAnErrorStatus(Problem problem) {
        assertThat(problem.type()).hasToString("urn:cascade:problem:" + problem.slug());
        assertThat(Problem.bySlug(problem.slug())).contains(problem);
        assertThat(problem.kinds()).contains(problem.kind());
        for (Problem.Kind kind : problem.kinds()) {
            HttpStatus status = ProblemStatuses.of(kind);
            assertThat(status.isError()).as("%s as %s -> %s", problem, kind, status).isTrue();
        }
    }

    @Test
    void eachKindHasItsOwnStatus() {
        Set<HttpStatus> statuses = Arrays.stream(Problem.Kind.values()).map(ProblemStatuses::of)
                .collect(Collectors.toSet());
        assertThat(statuses).hasSize(Problem.Kind.values().length);
    }

    /** The statuses clients have always seen for these types (API.md); the ITs assert many more. */
    @ParameterizedTest
    @CsvSource({
            "not-found, 404", "missing-privilege, 403", "invalid-token, 401", "invalid-credentials, 401",
            "stale-etag, 412", "conflict, 409", "limit-exceeded, 422", "login-throttled, 429",
            "format-not-offered, 406", "body-too-large, 413", "invalid-idempotency-key, 400",
            "malformed-request, 400", "invalid-input, 422", "internal-error, 500", "provider-only, 403"
    })
    void aTypeAnswersItsStatus(String slug, int status) {
        assertThat(ProblemStatuses.of(Problem.bySlug(slug).orElseThrow()).value()).isEqualTo(status);
    }

    @Test
    void aRefusalAnswersTheKindItsThrowSiteChose() {
        assertThat(ProblemStatuses.of(RuleViolationException.conflict(Problem.PLAN_RETIRED, "x")))
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(ProblemStatuses.of(RuleViolationException.unprocessable(Problem.PLAN_RETIRED, "x")))
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(ProblemStatuses.of(new RuleViolationException(Problem.USER_DISABLED, "x")))
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aKindTheEntryDoesNotAllowIsRefusedWhereItIsThrown() {
        assertThatThrownBy(() -> RuleViolationException.conflict(Problem.LIMIT_EXCEEDED, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit-exceeded");
        assertThatThrownBy(() -> RuleViolationException.unprocessable(Problem.NOT_PAYABLE, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "400, bad-request", "404, not-found", "405, method-not-allowed", "406, not-acceptable",
            "413, content-too-large", "415, unsupported-media-type", "500, internal-server-error",
            "503, service-unavailable", "418, error", "599, error"
    })
    void answersSpringMvcMakesItselfAreTypedByTheirStatus(int status, String slug) {
        Problem problem = ProblemStatuses.ofFrameworkStatus(HttpStatusCode.valueOf(status));
        assertThat(problem.slug()).isEqualTo(slug);
        if (problem != Problem.ERROR) {
            assertThat(ProblemStatuses.of(problem).value()).isEqualTo(status);
        }
    }
}
