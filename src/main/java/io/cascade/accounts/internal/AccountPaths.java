package io.cascade.accounts.internal;

/**
 * Materialized paths: each account's path is its vendor's path followed by its own sequence number in base 36 and a
 * dot, e.g. provider {@code 1.}, a reseller below it {@code 1.2s.}, a customer of that reseller {@code 1.2s.9k1.}.
 * Every path in a subtree starts with the subtree root's path, and sorts between it and {@code path + "~"} (all
 * path characters sort below '~' in the "C" collation).
 */
public final class AccountPaths {
    private AccountPaths() {
    }

    public static String child(String vendorPath, long seq) {
        return (vendorPath == null ? "" : vendorPath) + Long.toString(seq, 36) + ".";
    }
}
