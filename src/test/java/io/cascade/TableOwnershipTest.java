package io.cascade;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One owner per table (ADR 0016). Every table and view the migrations create has one owning module, declared in
 * {@code table-owners.txt}. The SQL of a module (Java string literals and text blocks, and {@code .sql} resources
 * outside {@code db/migration}) names only its own tables; another module's data is read through the owner's API or
 * through a view the owner defines, which any module may read but only its owner writes. A view's own definition
 * reads only its owner's tables and other views. No Spring, no database: it reads the source.
 */
class TableOwnershipTest {
    private static final Path SOURCES = Path.of("src/main/java/io/cascade");
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path MIGRATIONS = RESOURCES.resolve("db/migration");

    enum Kind { TABLE, VIEW }

    record Reference(String name, boolean write) {
    }

    record Breach(String file, String module, String name, String owner, boolean write) {
        @Override
        public String toString() {
            return file + " (module " + module + ") " + (write ? "writes " : "names ") + name + ", owned by " + owner;
        }
    }

    @Test
    void onlyViewsHaveReaders() {
        Map<String, Kind> kinds = schema().kinds();
        Set<String> modules = modules();
        readers().forEach((name, readers) -> {
            assertThat(kinds.get(name)).as(name + " has readers, so it must be a view").isEqualTo(Kind.VIEW);
            assertThat(modules).as("the readers of " + name).containsAll(readers);
        });
    }

    @Test
    void everyTableAndViewOfTheMigrationsHasOneOwningModule() {
        Map<String, Kind> created = schema().kinds();
        Map<String, String> owners = owners();
        assertThat(owners.keySet()).as("tables and views the migrations create without an owner in table-owners.txt")
                .containsAll(created.keySet());
        assertThat(created.keySet()).as("owners declared for tables or views that no migration creates")
                .containsAll(owners.keySet());
        Set<String> modules = modules();
        owners.forEach((name, module) -> assertThat(modules).as("the owner of " + name).contains(module));
    }

    @Test
    void noModuleNamesAnotherModulesTableOrWritesItsView() {
        assertThat(breaches().stream().map(Breach::toString).toList())
                .as("SQL naming another module's table (use the owner's API or one of its views)").isEmpty();
    }

    @Test
    void aViewReadsOnlyItsOwnersTablesAndOtherViews() {
        Schema schema = schema();
        Map<String, String> owners = owners();
        Map<String, Set<String>> readers = readers();
        List<String> failures = new ArrayList<>();
        schema.viewBodies().forEach((view, body) -> {
            String module = owners.get(view);
            for (Reference ref : references(body)) {
                String owner = owners.get(ref.name());
                boolean readable = schema.kinds().get(ref.name()) == Kind.VIEW
                        && readers.getOrDefault(ref.name(), Set.of(module)).contains(module);
                if (owner != null && !owner.equals(module) && !readable) {
                    failures.add("view " + view + " (module " + owners.get(view) + ") reads " + ref.name()
                            + ", owned by " + owner);
                }
            }
        });
        assertThat(failures).isEmpty();
    }

    /** The extraction itself, so that a blind extractor cannot pass the test above. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT a.id FROM account a JOIN app_user u ON u.account_id = a.id | account,app_user",
            "SELECT 1 FROM plan p, plan_resource pr, LATERAL unnest(:x) | plan,plan_resource",
            "SELECT 1 FROM ONLY account AS a , subscription s WHERE true | account,subscription",
            "INSERT INTO usage_record (a) SELECT x FROM unnest(:a) | +usage_record",
            "UPDATE subscription s SET q = 1 FROM plan p WHERE p.id = s.plan_id | +subscription,plan",
            "DELETE FROM api_token t USING app_user u WHERE u.id = t.user_id | +api_token,app_user",
            "SELECT EXTRACT(EPOCH FROM plan) , x IS DISTINCT FROM account FROM invoice | invoice",
            "SELECT 'FROM account' FROM public.invoice -- FROM payment | invoice",
            "SELECT 1 FROM (SELECT 2 FROM audit_event) x JOIN LATERAL (SELECT 3) y ON true | audit_event",
            "TRUNCATE TABLE mailbox | +mailbox",
            "SELECT 1 FROM account WHERE id IN (SELECT account_id FROM asset FOR UPDATE SKIP LOCKED) | account,asset",
    })
    void findsTheTablesOfAStatement(String sql, String expected) {
        List<String> found = references(sql).stream()
                .filter(ref -> !Set.of("unnest", "x", "y").contains(ref.name()))
                .map(ref -> (ref.write() ? "+" : "") + ref.name()).toList();
        assertThat(found).containsExactlyElementsOf(Arrays.asList(expected.split(",")));
    }

    @Test
    void readsStringLiteralsAndTextBlocksOfJava() {
        String java = String.join("\n",
                "class X {",
                "    // \"FROM commented\"",
                "    /* \"FROM block\" */",
                "    char c = '\"';",
                "    String a = \"SELECT 1 FROM \\\"quoted\\\" \" + \"JOIN joined\";",
                "    String b = \"\"\"",
                "            SELECT 1",
                "            FROM text_block \\\"\"\" here",
                "            \"\"\";",
                "}");
        assertThat(sqlTexts(java)).containsExactly(
                "SELECT 1 FROM \"quoted\" JOIN joined", "SELECT 1\nFROM text_block \"\"\" here\n");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static List<Breach> breaches() {
        Map<String, String> owners = owners();
        Map<String, Kind> kinds = schema().kinds();
        Map<String, Set<String>> readers = readers();
        List<Breach> breaches = new ArrayList<>();
        for (Map.Entry<Path, List<String>> file : mainSql().entrySet()) {
            String relative = (file.getKey().startsWith(SOURCES) ? SOURCES.relativize(file.getKey()) : file.getKey())
                    .toString().replace('\\', '/');
            String module = moduleOf(file.getKey());
            Set<Reference> seen = new LinkedHashSet<>();
            for (String sql : file.getValue()) {
                seen.addAll(references(sql));
            }
            for (Reference ref : seen) {
                String owner = owners.get(ref.name());
                if (owner == null || owner.equals(module)) {
                    continue;
                }
                if (kinds.get(ref.name()) == Kind.VIEW && !ref.write()
                        && readers.getOrDefault(ref.name(), Set.of(module)).contains(module)) {
                    continue;
                }
                breaches.add(new Breach(relative, module, ref.name(), owner, ref.write()));
            }
        }
        return breaches;
    }

    /** The module a source file belongs to: the package below io.cascade, or a resource's folder below io/cascade. */
    private static String moduleOf(Path file) {
        if (file.startsWith(SOURCES)) {
            Path rel = SOURCES.relativize(file);
            return rel.getNameCount() > 1 ? rel.getName(0).toString() : "(none)";
        }
        List<String> parts = new ArrayList<>();
        RESOURCES.relativize(file).forEach(p -> parts.add(p.toString()));
        int i = parts.indexOf("cascade");
        return i >= 0 && i + 2 < parts.size() ? parts.get(i + 1) : "(none)";
    }

    /** Every SQL text of src/main by file: Java literals, and .sql resources outside the migrations. */
    private static Map<Path, List<String>> mainSql() {
        Map<Path, List<String>> texts = new TreeMap<>();
        try (Stream<Path> java = Files.walk(SOURCES); Stream<Path> sql = Files.walk(RESOURCES)) {
            java.filter(f -> f.toString().endsWith(".java")).forEach(f -> texts.put(f, sqlTexts(read(f))));
            sql.filter(f -> f.toString().endsWith(".sql") && !f.startsWith(MIGRATIONS))
                    .forEach(f -> texts.put(f, List.of(read(f))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    private static Set<String> modules() {
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> owners() {
        Map<String, String> owners = new LinkedHashMap<>();
        declarations().forEach((name, cols) -> owners.put(name, cols.get(0)));
        return owners;
    }

    /** The modules that may read a view, when its declaration limits them; absent: every module. */
    private static Map<String, Set<String>> readers() {
        Map<String, Set<String>> readers = new LinkedHashMap<>();
        declarations().forEach((name, cols) -> {
            if (cols.size() > 1) {
                readers.put(name, Set.of(cols.get(1).split(",")));
            }
        });
        return readers;
    }

    /** table-owners.txt: name to owner and, for some views, the readers. */
    private static Map<String, List<String>> declarations() {
        Map<String, List<String>> declared = new LinkedHashMap<>();
        try (InputStream in = TableOwnershipTest.class.getResourceAsStream("table-owners.txt")) {
            assertThat(in).as("table-owners.txt").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String content = line.replaceAll("#.*", "").trim();
                if (content.isEmpty()) {
                    continue;
                }
                String[] cols = content.split("\\s+");
                assertThat(cols.length).as("line '" + line + "': name, owner and perhaps readers").isBetween(2, 3);
                assertThat(declared.put(cols[0].toLowerCase(Locale.ROOT), List.of(cols).subList(1, cols.length)))
                        .as("owner of " + cols[0] + " twice").isNull();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return declared;
    }

    record Schema(Map<String, Kind> kinds, Map<String, String> viewBodies) {
    }

    private static final Pattern CREATE = Pattern.compile(
            "(?is)\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:UNLOGGED\\s+|TEMP(?:ORARY)?\\s+)?"
                    + "(TABLE|VIEW|MATERIALIZED\\s+VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:public\\.)?\"?(\\w+)\"?"
                    + "((?:\\s*\\([^)]*\\))?\\s+AS\\s+([^;]*))?");
    private static final Pattern DROP = Pattern.compile(
            "(?is)\\bDROP\\s+(?:TABLE|VIEW|MATERIALIZED\\s+VIEW)\\s+(?:IF\\s+EXISTS\\s+)?(?:public\\.)?\"?(\\w+)\"?");

    /** The tables and views the migrations leave, in version order, with each view's last definition. */
    private static Schema schema() {
        Map<String, Kind> kinds = new TreeMap<>();
        Map<String, String> bodies = new TreeMap<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String sql = stripSqlComments(read(file));
                for (Matcher m = DROP.matcher(sql); m.find(); ) {
                    kinds.remove(m.group(1).toLowerCase(Locale.ROOT));
                    bodies.remove(m.group(1).toLowerCase(Locale.ROOT));
                }
                for (Matcher m = CREATE.matcher(sql); m.find(); ) {
                    String name = m.group(2).toLowerCase(Locale.ROOT);
                    boolean view = m.group(1).toUpperCase(Locale.ROOT).endsWith("VIEW");
                    kinds.put(name, view ? Kind.VIEW : Kind.TABLE);
                    if (view) {
                        bodies.put(name, m.group(4));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Schema(kinds, bodies);
    }

    // --- Java: string literals and text blocks ---------------------------------------------------------------------

    /** The string literals and text blocks of a Java source; literals joined by {@code +} count as one. */
    static List<String> sqlTexts(String java) {
        List<String> texts = new ArrayList<>();
        int lastEnd = -1;
        int i = 0;
        while (i < java.length()) {
            char c = java.charAt(i);
            if (java.startsWith("//", i)) {
                i = indexOrEnd(java, "\n", i);
            } else if (java.startsWith("/*", i)) {
                i = indexOrEnd(java, "*/", i + 2) + 2;
            } else if (c == '\'') {
                i = java.charAt(i + 1) == '\\' ? java.indexOf('\'', i + 3) + 1 : i + 3;
            } else if (java.startsWith("\"\"\"", i)) {
                int start = java.indexOf('\n', i) + 1;
                int end = start;
                while (!java.startsWith("\"\"\"", end) || java.charAt(end - 1) == '\\') {
                    end++;
                }
                add(texts, java, i, lastEnd, textBlock(java.substring(start, end)));
                i = end + 3;
                lastEnd = i;
            } else if (c == '"') {
                StringBuilder s = new StringBuilder();
                int j = i + 1;
                while (java.charAt(j) != '"') {
                    if (java.charAt(j) == '\\') {
                        j++;
                        char e = java.charAt(j);
                        s.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                    } else {
                        s.append(java.charAt(j));
                    }
                    j++;
                }
                add(texts, java, i, lastEnd, s.toString());
                i = j + 1;
                lastEnd = i;
            } else {
                i++;
            }
        }
        return texts;
    }

    private static void add(List<String> texts, String java, int start, int lastEnd, String text) {
        if (lastEnd >= 0 && !texts.isEmpty() && java.substring(lastEnd, start).matches("\\s*\\+\\s*")) {
            texts.set(texts.size() - 1, texts.get(texts.size() - 1) + text);
        } else {
            texts.add(text);
        }
    }

    private static int indexOrEnd(String s, String what, int from) {
        int i = s.indexOf(what, from);
        return i < 0 ? s.length() : i;
    }

    /** A text block's content: incidental indentation stripped and escapes translated, as the compiler does. */
    private static String textBlock(String raw) {
        return raw.stripIndent().translateEscapes();
    }

    // --- SQL: the names after FROM, JOIN, INTO, UPDATE, DELETE FROM, USING, TABLE, COPY ----------------------------

    private static final Pattern TOKEN = Pattern.compile("\"[^\"]*\"|[A-Za-z_][A-Za-z0-9_$]*(?:\\.[A-Za-z_][A-Za-z0-9_$]*)?|\\S");
    private static final Set<String> NOT_ALIASES = Set.of("WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS",
            "NATURAL", "ON", "USING", "GROUP", "ORDER", "LIMIT", "OFFSET", "HAVING", "WINDOW", "UNION", "EXCEPT",
            "INTERSECT", "RETURNING", "SET", "VALUES", "FOR", "WITH", "SELECT", "AND", "OR", "DEFAULT", "LATERAL",
            "WHEN", "THEN", "ELSE", "END", "FETCH", "SKIP", "DO", "OVERRIDING", "TABLESAMPLE", "NOT", "ONLY", "TO",
            "FROM", "AS");
    private static final Set<String> FROM_INSIDE = Set.of("EXTRACT", "SUBSTRING", "TRIM", "OVERLAY", "POSITION");

    /** The tables and views a SQL text names, each with whether it writes there. */
    static List<Reference> references(String sql) {
        List<String> tokens = new ArrayList<>();
        for (Matcher m = TOKEN.matcher(stripSqlComments(sql).replaceAll("'(?:[^']|'')*'", "''")); m.find(); ) {
            tokens.add(m.group());
        }
        List<Reference> refs = new ArrayList<>();
        List<String> parens = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String up = t.toUpperCase(Locale.ROOT);
            if (t.equals("(")) {
                parens.add(i > 0 ? tokens.get(i - 1).toUpperCase(Locale.ROOT) : "");
                continue;
            }
            if (t.equals(")")) {
                if (!parens.isEmpty()) {
                    parens.remove(parens.size() - 1);
                }
                continue;
            }
            String previous = i > 0 ? tokens.get(i - 1).toUpperCase(Locale.ROOT) : "";
            boolean list;
            boolean write;
            switch (up) {
                case "FROM" -> {
                    if (previous.equals("DISTINCT") || (!parens.isEmpty() && FROM_INSIDE.contains(parens.get(parens.size() - 1)))) {
                        continue;
                    }
                    list = true;
                    write = previous.equals("DELETE");
                }
                case "USING" -> {
                    list = true;
                    write = false;
                }
                case "JOIN" -> {
                    list = false;
                    write = false;
                }
                case "INTO", "UPDATE", "TABLE", "COPY", "TRUNCATE" -> {
                    list = false;
                    write = true;
                }
                default -> {
                    continue;
                }
            }
            int j = i + 1;
            while (true) {
                while (j < tokens.size() && Set.of("ONLY", "LATERAL", "TABLE").contains(tokens.get(j).toUpperCase(Locale.ROOT))) {
                    j++;
                }
                if (j >= tokens.size() || !Character.isLetter(tokens.get(j).charAt(0)) && tokens.get(j).charAt(0) != '"'
                        && tokens.get(j).charAt(0) != '_') {
                    break;
                }
                if (NOT_ALIASES.contains(tokens.get(j).toUpperCase(Locale.ROOT))) {
                    break;
                }
                String name = tokens.get(j).replace("\"", "").toLowerCase(Locale.ROOT);
                name = name.substring(name.indexOf('.') + 1);
                boolean function = (list || up.equals("JOIN")) && j + 1 < tokens.size() && tokens.get(j + 1).equals("(");
                if (!function) {
                    refs.add(new Reference(name, write));
                }
                j++;
                if (!list) {
                    break;
                }
                if (function) {
                    j = skipParens(tokens, j);
                }
                if (j < tokens.size() && tokens.get(j).equalsIgnoreCase("AS")) {
                    j++;
                }
                if (j < tokens.size() && Character.isLetter(tokens.get(j).charAt(0))
                        && !NOT_ALIASES.contains(tokens.get(j).toUpperCase(Locale.ROOT))) {
                    j++;
                    if (j < tokens.size() && tokens.get(j).equals("(")) {
                        j = skipParens(tokens, j);
                    }
                }
                if (j < tokens.size() && tokens.get(j).equals(",")) {
                    j++;
                    continue;
                }
                break;
            }
        }
        return refs.stream().distinct().toList();
    }

    private static int skipParens(List<String> tokens, int open) {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            if (tokens.get(j).equals("(")) {
                depth++;
            } else if (tokens.get(j).equals(")") && --depth == 0) {
                return j + 1;
            }
        }
        return tokens.size();
    }

    private static String stripSqlComments(String sql) {
        return sql.replaceAll("--[^\n]*", " ").replaceAll("(?s)/\\*.*?\\*/", " ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
