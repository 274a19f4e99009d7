package io.cascade.accounts.api;

/**
 * A feature the provider licenses per account subtree (issue 19, ADR 0038). An account holds a feature when it and every
 * account above it (up to the provider, who holds all) hold an unexpired licence for it; {@link Licences} checks this.
 * Seats, where a feature has them, count what the holder's whole subtree uses.
 */
public enum Feature {
    /** Having reseller accounts below: creating sub-resellers. Seats: the live resellers below the holder. */
    RESELLER(false, true),
    /** The SIM inventory: importing, handing down, assigning and listing SIM cards. */
    SIM_MANAGEMENT(true, false),
    /** Defining one's own services, bundles and add-ons. */
    OWN_PRODUCTS(false, false),
    /** A public storefront with sign-ups. */
    STOREFRONT(false, false),
    /** The REST API with bearer tokens. Seats: the live API keys (tokens other than panel sessions) in the subtree. */
    API_ACCESS(true, true),
    /** One's own brand and panel hosts. Seats: the panel hosts in the subtree. */
    WHITE_LABEL(false, true);

    private final boolean forCustomers;
    private final boolean seated;

    Feature(boolean forCustomers, boolean seated) {
        this.forCustomers = forCustomers;
        this.seated = seated;
    }

    /** Whether an account of this type can hold the feature (a customer has no use for a storefront). */
    public boolean appliesTo(AccountType type) {
        return type == AccountType.PROVIDER || type == AccountType.RESELLER || forCustomers;
    }

    /** Whether a licence of this feature may cap what the subtree uses with a number of seats. */
    public boolean seated() {
        return seated;
    }
}
