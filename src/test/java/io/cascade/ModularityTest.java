package io.cascade;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.NamedInterface;
import org.springframework.modulith.docs.Documenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries hold: no cycles; a module uses another only through its published {@code api} package (a
 * Spring Modulith named interface) and only when its {@code package-info} lists it in {@code allowedDependencies}.
 */
class ModularityTest {
    private final ApplicationModules modules = ApplicationModules.of(CascadeApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    /**
     * A module's base package holds only its package-info: what others may use sits in {@code api} (the named interface
     * "api"), everything else in {@code internal}. The shared kernel is open; demo and panels publish nothing; messages publishes only what the panels show of it.
     */
    @Test
    void everyModulePublishesExactlyItsApiPackage() throws IOException {
        for (ApplicationModule module : modules) {
            String name = module.getIdentifier().toString();
            if (name.equals("shared")) {
                continue;
            }
            Path base = Path.of("src/main/java/io/cascade", name);
            try (Stream<Path> entries = Files.list(base)) {
                assertThat(entries.map(p -> p.getFileName().toString()).filter(f -> !f.equals("package-info.java")))
                        .as("what the base package of %s holds besides its package-info", name)
                        .allMatch(f -> f.equals("api") || f.equals("internal"));
            }
            List<String> interfaces = module.getNamedInterfaces().stream().filter(NamedInterface::isNamed)
                    .map(NamedInterface::getName).toList();
            if (name.equals("demo") || name.equals("panels")) {
                assertThat(interfaces).as("%s publishes nothing", name).isEmpty();
            } else {
                assertThat(interfaces).as("the named interfaces of %s", name).containsExactly("api");
            }
        }
    }

    @Test
    void theModulesAreTheOnesTheDocsDescribe() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("accounts", "identity", "audit", "platform", "shared");
    }

    /**
     * Writes the module diagram (PlantUML) to docs/modules, where the architecture page links it. The documenter
     * lists a diagram's relations in no fixed order; they are sorted, so that an unchanged design leaves the files
     * unchanged.
     */
    @Test
    void writesTheModuleDiagram() throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        try (Stream<Path> files = Files.list(Path.of("docs/modules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                Files.write(file, sortedRelations(Files.readAllLines(file)));
            }
        }
    }

    /** The lines, with each run of consecutive {@code Rel(...)} lines sorted. */
    static List<String> sortedRelations(List<String> lines) {
        List<String> result = new ArrayList<>(lines.size());
        List<String> run = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("Rel(")) {
                run.add(line);
                continue;
            }
            Collections.sort(run);
            result.addAll(run);
            run.clear();
            result.add(line);
        }
        Collections.sort(run);
        result.addAll(run);
        return result;
    }

    @Test
    void relationsAreSortedWithinTheirRun() {
        assertThat(sortedRelations(List.of("a", "Rel(c)", "Rel(b)", "x", "Rel(z)", "Rel(y)")))
                .containsExactly("a", "Rel(b)", "Rel(c)", "x", "Rel(y)", "Rel(z)");
    }
}
