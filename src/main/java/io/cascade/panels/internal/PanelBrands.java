package io.cascade.panels.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.brands.api.Brand;
import io.cascade.brands.api.Brands;
import io.cascade.brands.api.PanelHosts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The brand a panel page shows (ADR 0033), found once per request. Signed in: the brand the viewed account's users
 * see ({@link Brands#seenBy}): a customer's (and its service users') its vendor's, a vendor's staff and customer users
 * their own account's, while acting on behalf the brand of the account acted for. Not signed in (sign-in, password
 * pages, errors): the brand of the vendor behind the request's verified panel host, else the provider's (which is the
 * platform's default while the provider has none).
 */
@Component
class PanelBrands {
    private static final String ATTRIBUTE = "cascade.panel.brand";
    private final Brands brands;
    private final PanelHosts hosts;
    private final AccountScope scope;

    PanelBrands(Brands brands, PanelHosts hosts, AccountScope scope) {
        this.brands = brands;
        this.hosts = hosts;
        this.scope = scope;
    }

    Brand of(HttpServletRequest request, Viewer viewer) {
        if (request.getAttribute(ATTRIBUTE) instanceof Brand brand) {
            return brand;
        }
        Brand brand = viewer != null ? brands.seenBy(viewer.account().path(), viewer.vendor()) : byHost(request);
        request.setAttribute(ATTRIBUTE, brand);
        return brand;
    }

    private Brand byHost(HttpServletRequest request) {
        return hosts.vendorFor(request.getServerName()) // the Host header (or a trusted proxy's forwarded host)
                .map(vendor -> brands.ofVendor(vendor.accountPath()))
                .orElseGet(() -> scope.provider().map(provider -> brands.ofVendor(provider.path()))
                        .orElseGet(Brand::platformDefault));
    }
}
