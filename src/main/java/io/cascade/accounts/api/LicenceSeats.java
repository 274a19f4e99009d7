package io.cascade.accounts.api;

/**
 * How many seats of a {@link Feature#seated() seated} feature a subtree uses: implemented by the module that owns
 * what is counted (identity: API keys; brands: panel hosts), so that {@link Licences} can check a seat without
 * depending on it.
 */
public interface LicenceSeats {
    Feature feature();

    /** What the subtree (its anchor included) uses now. */
    long used(Subtree subtree);
}
