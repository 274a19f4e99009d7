package io.cascade;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The module boundaries hold (no cycles, no reaching into another module's internal package). */
class ModularityTest {
    private final ApplicationModules modules = ApplicationModules.of(CascadeApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
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
