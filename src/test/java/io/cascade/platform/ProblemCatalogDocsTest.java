package io.cascade.platform;

import io.cascade.platform.api.ProblemStatuses;
import io.cascade.shared.Problem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the problem catalog the one place problem types are written: API.md's table lists exactly its entries with
 * the statuses they answer, and no Java source outside the catalog spells a problem type as a string.
 */
class ProblemCatalogDocsTest {
    private static final Path API_MD = Path.of("docs/api.md");
    private static final Pattern ROW = Pattern.compile("^\\| (`[a-z-]+`(?:, `[a-z-]+`)*) \\| ([^|]+) \\|", Pattern.MULTILINE);
    private static final Pattern SLUG = Pattern.compile("`([a-z-]+)`");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    @Test
    void apiMdListsEveryCatalogEntryWithTheStatusesItAnswers() throws IOException {
        String doc = Files.readString(API_MD);
        String section = doc.substring(doc.indexOf("### Problem types"), doc.indexOf("### ETag and If-Match"));
        Map<String, String> listed = new HashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            Matcher slug = SLUG.matcher(row.group(1));
            while (slug.find()) {
                assertThat(listed.put(slug.group(1), row.group(2).trim())).as("listed twice: %s", slug.group(1))
                        .isNull();
            }
        }
        assertThat(listed.keySet()).as("API.md's problem types are the catalog's")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Problem.values()).map(Problem::slug).toList());
        for (Problem problem : Problem.values()) {
            if (problem == Problem.ERROR) {
                continue;
            }
            Set<Integer> documented = Arrays.stream(listed.get(problem.slug()).split("/")).map(String::trim)
                    .map(Integer::valueOf).collect(Collectors.toSet());
            Set<Integer> answered = problem.kinds().stream().map(kind -> ProblemStatuses.of(kind).value())
                    .collect(Collectors.toSet());
            assertThat(documented).as("statuses of %s", problem.slug()).containsAll(answered);
            if (!listed.get(problem.slug()).contains("/")
                    || List.of("invalid-input", "plan-retired", "holding-in-use").contains(problem.slug())) {
                assertThat(documented).as("statuses of %s", problem.slug()).isEqualTo(answered);
            }
        }
    }

    @Test
    void noJavaSourceSpellsAProblemTypeOutsideTheCatalog() throws IOException {
        Set<String> slugs = Arrays.stream(Problem.values()).map(Problem::slug)
                // "error" is also a common word (a JSON member, a model attribute); only the catalog types with it
                .filter(slug -> !slug.equals("error")).collect(Collectors.toSet());
        Set<String> found = new TreeSet<>();
        Path catalog = Path.of("src/main/java/io/cascade/shared/Problem.java");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).filter(f -> !f.equals(catalog)).toList()) {
                String[] lines = Files.readString(file).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    Matcher literal = STRING_LITERAL.matcher(lines[i]);
                    while (literal.find()) {
                        String text = literal.group(1);
                        if (slugs.contains(text) || text.contains("urn:cascade:problem")) {
                            found.add(file + ":" + (i + 1) + " \"" + text + "\"");
                        }
                    }
                }
            }
        }
        assertThat(found).as("name problem types by their io.cascade.shared.Problem entry").isEmpty();
    }
}
