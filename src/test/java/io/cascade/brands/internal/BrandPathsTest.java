package io.cascade.brands.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BrandPathsTest {

    @Test
    void anAccountsPrefixesAreItselfAndEveryAncestor() {
        assertThat(BrandResolver.prefixes("1.a.2z.")).containsExactly("1.", "1.a.", "1.a.2z.");
        assertThat(BrandResolver.prefixes("1.")).containsExactly("1.");
        assertThat(BrandResolver.prefixes(null)).isEqualTo(List.of());
    }

    @Test
    void aCustomersVendorIsTheAccountAbove() {
        assertThat(BrandResolver.parent("1.a.2z.")).isEqualTo("1.a.");
        assertThat(BrandResolver.parent("1.")).isEmpty();
    }

    @Test
    void aHostHeaderIsNormalised() {
        assertThat(HostDirectory.normalise("Panel.Northwind.Example:8443")).isEqualTo("panel.northwind.example");
        assertThat(HostDirectory.normalise("panel.northwind.example.")).isEqualTo("panel.northwind.example");
        assertThat(HostDirectory.normalise("[::1]:8080")).isNull();
        assertThat(HostDirectory.normalise(" ")).isNull();
    }
}
