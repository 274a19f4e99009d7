package io.cascade.brands.api;

import io.cascade.shared.Caller;
import io.cascade.shared.Page;

import java.util.UUID;

/**
 * The panel host names of a vendor (ADR 0035): attach, list, verify, remove. A vendor (the provider or a reseller)
 * manages its own hosts and those of the resellers it covers; a customer has none (404), and anything outside the
 * caller's subtree is 404. Reading takes SETTINGS_MANAGE or ACCOUNTS_READ, changing SETTINGS_MANAGE; marking a host
 * verified by hand only the provider's staff. Every change is audited.
 */
public interface PanelHostManagement {

    Page<PanelHostView> list(Caller caller, UUID accountId, Integer limit, String cursor);

    PanelHostView get(Caller caller, UUID accountId, String host);

    /**
     * Attaches a host: 422 {@code invalid-input} on {@code host} for a name that is not a valid DNS name, has a port,
     * is an IP address or is one of the platform's own hosts; 409 {@code panel-host-taken} when any vendor already
     * has it; 422 {@code limit-exceeded} beyond the per-vendor limit.
     */
    PanelHostView add(Caller caller, UUID accountId, NewPanelHost request);

    /**
     * Verifies a host now: by its DNS TXT record (422 {@code panel-host-unverified} when the record does not hold the
     * token), or by hand ({@code manual}: the provider's staff only, 403 {@code provider-only} for anyone else).
     */
    PanelHostView verify(Caller caller, UUID accountId, String host, VerifyPanelHost request);

    void remove(Caller caller, UUID accountId, String host);
}
