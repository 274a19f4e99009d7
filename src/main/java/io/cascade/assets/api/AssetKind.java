package io.cascade.assets.api;

/** What an asset is (column {@code asset.kind}, whose CHECK lists these names); SIM cards only so far (ADR 0013). */
public enum AssetKind {
    SIM
}
