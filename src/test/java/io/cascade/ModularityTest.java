package io.cascade;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

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

    /** Writes the module diagram (PlantUML) to docs/modules, where the architecture page links it. */
    @Test
    void writesTheModuleDiagram() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
    }
}
