package io.cascade.brands.api;

import java.util.Optional;
import java.util.UUID;

/**
 * The panel host names vendors attach (for example {@code panel.northwind.example}). A request's {@code Host} header
 * names the vendor whose sign-in page, brand and storefront it reaches; only verified hosts count.
 */
public interface PanelHosts {

    /** The vendor a verified host name belongs to; empty for an unknown or unverified host (or null). */
    Optional<HostVendor> vendorFor(String host);

    /**
     * A verified host of the vendor (the first verified, if it has several), for links in mail to the vendor's
     * customers and staff; empty while it has none.
     */
    Optional<String> hostOf(UUID vendorId);

    /** The vendor behind a verified panel host: its id and materialized path. */
    record HostVendor(UUID accountId, String accountPath, String host) {
    }
}
