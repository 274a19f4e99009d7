package io.cascade;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows are mapped by column name, never by position (issue 14): no {@code ResultSet} getter in the main sources is
 * called with an integer literal. A read by position silently picks the wrong column when a query's select list
 * changes; a read by name fails loudly. The check matches the getter's name whatever the variable is called
 * ({@code rs}, {@code r}, {@code row}, ...). No Spring, no database: it reads the source.
 */
class RowMappingTest {
    private static final Path SOURCES = Path.of("src/main/java");

    /** A {@code java.sql.ResultSet} getter called on any variable with an integer first argument. */
    static final Pattern BY_POSITION = Pattern.compile("\\b\\w+\\s*\\.\\s*get(String|NString|Int|Long|Short|Byte"
            + "|Double|Float|BigDecimal|Boolean|Object|Timestamp|Date|Time|Array|Bytes|Blob|Clob|NClob|SQLXML|Ref"
            + "|RowId|URL|AsciiStream|BinaryStream|CharacterStream|NCharacterStream)\\(\\s*\\d");

    @Test
    void thePatternTellsPositionFromName() {
        assertThat(BY_POSITION.matcher("rs.getObject(1, UUID.class)").find()).isTrue();
        assertThat(BY_POSITION.matcher("new Daily(null, row.getDate( 2).toLocalDate()").find()).isTrue();
        assertThat(BY_POSITION.matcher("(Integer) r.getObject(10)").find()).isTrue();
        assertThat(BY_POSITION.matcher("rs.getString(\"status\")").find()).isFalse();
        assertThat(BY_POSITION.matcher("rs.getObject(\"id\", UUID.class)").find()).isFalse();
        assertThat(BY_POSITION.matcher("lines.get(0)").find()).isFalse();
    }

    @Test
    void noResultSetIsReadByPosition() throws IOException {
        List<String> positional = new ArrayList<>();
        int files;
        try (Stream<Path> sources = Files.walk(SOURCES)) {
            List<Path> java = sources.filter(path -> path.toString().endsWith(".java")).sorted().toList();
            files = java.size();
            java.forEach(path -> positional.addAll(readsByPosition(path)));
        }
        assertThat(files).as("Java files under " + SOURCES).isGreaterThan(100);
        assertThat(positional).as("ResultSet getters called with a column position; read the column by name "
                + "(alias computed columns)").isEmpty();
    }

    private static List<String> readsByPosition(Path file) {
        List<String> found = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (BY_POSITION.matcher(lines.get(i)).find()) {
                    found.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
