package io.cascade.accounts.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The one place where the subtree rule becomes SQL (ADR 0016): the conditions and their parameters. */
class SubtreeTest {
    private static final ScopedAccount RESELLER = new ScopedAccount(UUID.randomUUID(), "0.1.", AccountType.RESELLER,
            AccountStatus.ACTIVE, UUID.randomUUID(), 1, "Reseller");

    @Test
    void aWholeSubtreeIsOneRangeFromItsAccountsPath() {
        Subtree subtree = Subtree.whole(RESELLER);
        assertThat(subtree.whole()).isTrue();
        Subtree.Condition within = subtree.within("s.account_path");
        assertThat(within.sql()).isEqualTo("((s.account_path >= :subtreeFrom0 AND s.account_path < :subtreeTo0))");
        assertThat(within.parameters()).isEqualTo(Map.of("subtreeFrom0", "0.1.", "subtreeTo0", "0.1.~"));
        Subtree.Condition below = subtree.below("path");
        assertThat(below.sql()).isEqualTo("path > :subtreeAbove AND path < :subtreeBelow");
        assertThat(below.parameters()).isEqualTo(Map.of("subtreeAbove", "0.1.", "subtreeBelow", "0.1.~"));
    }

    @Test
    void aCustomerUsersSubtreeIsOneRangePerCustomer() {
        Subtree subtree = new Subtree(RESELLER, List.of("0.1.5.", "0.1.9."));
        assertThat(subtree.whole()).isFalse();
        assertThat(subtree.within("customer_path").sql()).isEqualTo("((customer_path >= :subtreeFrom0 AND "
                + "customer_path < :subtreeTo0) OR (customer_path >= :subtreeFrom1 AND customer_path < :subtreeTo1))");
        Subtree.Condition below = subtree.below("path");
        assertThat(below.sql()).startsWith("path > :subtreeAbove AND path < :subtreeBelow AND ((path >= ");
        assertThat(below.parameters()).containsEntry("subtreeTo1", "0.1.9.~").containsEntry("subtreeAbove", "0.1.");
        assertThat(subtree.contains("0.1.9.3.")).isTrue();
        assertThat(subtree.contains("0.1.7.")).isFalse();
        assertThat(subtree.contains("0.1.")).isFalse();
    }

    @Test
    void aCursorOnlyMovesTheLowerBoundForwardInsideTheSubtree() {
        Subtree subtree = Subtree.whole(RESELLER);
        assertThat(subtree.below("path", "0.1.7.").parameters()).containsEntry("subtreeAbove", "0.1.7.");
        assertThat(subtree.below("path", "0.0.").parameters()).containsEntry("subtreeAbove", "0.1.");
        assertThat(subtree.below("path", "0.2.").parameters()).containsEntry("subtreeBelow", "0.1.~");
    }

    @Test
    void aSubtreeWithoutRootsHoldsNothing() {
        Subtree nothing = new Subtree(RESELLER, List.of());
        assertThat(nothing.empty()).isTrue();
        assertThat(nothing.within("path").sql()).isEqualTo("false");
        assertThat(nothing.contains("0.1.")).isFalse();
    }

    @Test
    void onlyTheAccountsModuleMakesOne() {
        assertThat(Subtree.class.getDeclaredConstructors())
                .allSatisfy(c -> assertThat(java.lang.reflect.Modifier.isPublic(c.getModifiers())).isFalse());
    }
}
