package io.cascade.accounts.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountPathsTest {

    @Test
    void aChildPathExtendsItsVendorsPath() {
        String provider = AccountPaths.child(null, 1);
        String reseller = AccountPaths.child(provider, 36);
        String customer = AccountPaths.child(reseller, 1_000_000);
        assertThat(provider).isEqualTo("1.");
        assertThat(reseller).isEqualTo("1.10.");
        assertThat(customer).isEqualTo("1.10.lfls.");
        assertThat(customer).startsWith(reseller).startsWith(provider);
    }

    @Test
    void everyDescendantSortsBetweenThePathAndItsUpperBound() {
        String root = AccountPaths.child(AccountPaths.child(null, 1), 2);
        String upper = root + "~";
        for (long seq : new long[]{0, 1, 35, 36, 999_999_999L, Long.MAX_VALUE}) {
            String child = AccountPaths.child(root, seq);
            String grandChild = AccountPaths.child(child, seq);
            assertThat(child.compareTo(root)).isPositive();
            assertThat(child.compareTo(upper)).isNegative();
            assertThat(grandChild.compareTo(upper)).isNegative();
        }
        String sibling = AccountPaths.child(AccountPaths.child(null, 1), 3);
        assertThat(sibling.compareTo(root) > 0 && sibling.compareTo(upper) < 0).isFalse();
    }
}
