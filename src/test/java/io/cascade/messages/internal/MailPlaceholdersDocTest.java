package io.cascade.messages.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide's list of mail kinds and the placeholders each may use is generated from the default templates
 * (src/main/resources/messages/&lt;kind&gt;/&lt;lang&gt;.*), with the names every mail has: the same set an issuer's
 * override is checked against. Refresh it with {@code mvn test -Dtest=MailPlaceholdersDocTest
 * -Dmail.placeholders.refresh=true}.
 */
class MailPlaceholdersDocTest {
    private static final Path GUIDE = Path.of("docs/guide.md");
    private static final Path DEFAULTS = Path.of("src/main/resources/messages");
    static final String START = "<!-- mail-placeholders: generated from src/main/resources/messages by "
            + "MailPlaceholdersDocTest -->";
    static final String END = "<!-- /mail-placeholders -->";

    @Test
    void theGuideListsEveryKindWithItsLanguagesAndPlaceholders() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        int start = guide.indexOf(START);
        int end = guide.indexOf(END);
        assertThat(start).as("the marker %s in %s", START, GUIDE).isNotNegative();
        assertThat(end).as("the marker %s after it", END).isGreaterThan(start);
        String expected = START + "\n" + table() + END;
        if (Boolean.getBoolean("mail.placeholders.refresh")) {
            guide = guide.substring(0, start) + expected + guide.substring(end + END.length());
            Files.writeString(GUIDE, guide, StandardCharsets.UTF_8);
            end = start + expected.length() - END.length();
        }
        assertThat(guide.substring(start, end + END.length())).as("the placeholder list in %s; refresh it with "
                + "mvn test -Dtest=MailPlaceholdersDocTest -Dmail.placeholders.refresh=true", GUIDE).isEqualTo(expected);
    }

    private static String table() throws IOException {
        Map<String, Set<String>> languages = new TreeMap<>();
        Map<String, Set<String>> names = new TreeMap<>();
        if (Files.isDirectory(DEFAULTS)) {
            try (Stream<Path> files = Files.walk(DEFAULTS, 2)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String kind = file.getParent().getFileName().toString();
                    String name = file.getFileName().toString();
                    String language = name.substring(0, name.indexOf('.'));
                    if (!List.of("en", "de").contains(language)) {
                        continue;
                    }
                    if (name.endsWith(".subject")) {
                        languages.computeIfAbsent(kind, k -> new TreeSet<>()).add(language);
                    }
                    names.computeIfAbsent(kind, k -> new TreeSet<>(SafeTemplates.COMMON))
                            .addAll(SafeTemplates.names(Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        }
        if (languages.isEmpty()) {
            return "(No mail kind has default templates yet.)\n";
        }
        StringBuilder table = new StringBuilder("| Kind | Languages | Placeholders |\n|---|---|---|\n");
        languages.forEach((kind, langs) -> table.append("| `").append(kind).append("` | ")
                .append(String.join(", ", langs.stream().sorted((a, b) -> a.equals("en") ? -1 : b.equals("en") ? 1
                        : a.compareTo(b)).toList()))
                .append(" | ").append(String.join(", ", names.get(kind).stream().map(n -> "`{{" + n + "}}`").toList()))
                .append(" |\n"));
        return table.toString();
    }
}
