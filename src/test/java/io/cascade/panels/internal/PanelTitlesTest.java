package io.cascade.panels.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every panel page's title ends with the brand its viewer sees ("… · {brand}", ADR 0033), never with a fixed
 * "Cascade": a customer must not learn the platform's name from a browser tab.
 */
class PanelTitlesTest {
    private static final Path PAGES = Path.of("src/main/resources/templates/panel");
    private static final Pattern TITLE = Pattern.compile("<head>\\s*<title([^>]*)>");

    @Test
    void everyPageTitleEndsWithTheBrand() throws IOException {
        List<Path> pages;
        try (Stream<Path> files = Files.list(PAGES)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        int titled = 0;
        for (Path page : pages) {
            Matcher title = TITLE.matcher(Files.readString(page));
            if (title.find()) {
                titled++;
                assertThat(title.group(1)).as("the title of %s", page.getFileName())
                        .contains("th:text=").contains("brand.displayName()");
            }
        }
        assertThat(titled).as("panel pages with a title").isGreaterThan(50);
    }
}
