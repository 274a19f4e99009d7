package io.cascade.accounts.api;

import io.cascade.shared.Caller;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What billing needs of the accounts that issue and receive invoices, read in bulk and checked against a caller like
 * every other read (ADR 0016): a party the caller covers comes with its {@link Subtree}; a party above one the caller
 * covers (the vendors it buys from, the issuer of its invoices) comes without one; any other id is left out, like an
 * id that does not exist. A billing run calls it as the platform ({@code Caller.system} of the provider), which
 * covers the whole tree.
 */
@Component
public class BillingParties {
    /** A row of the columns {@link #of} selects: the party, with its whole subtree. */
    private static final RowMapper<Party> PARTY = (rs, n) -> {
        UUID id = rs.getObject("id", UUID.class);
        String path = rs.getString("path");
        AccountType type = AccountType.valueOf(rs.getString("type"));
        UUID vendorId = rs.getObject("vendor_id", UUID.class);
        String companyName = rs.getString("company_name");
        Subtree subtree = Subtree.whole(new ScopedAccount(id, path, type,
                AccountStatus.valueOf(rs.getString("status")), vendorId, rs.getInt("level"), companyName));
        String country = rs.getString("country") == null ? null : rs.getString("country").trim();
        return new Party(id, path, type, vendorId, companyName, rs.getString("customer_number"),
                rs.getInt("bill_cycle_day"), (Integer) rs.getObject("customer_bill_cycle_day"),
                rs.getBoolean("billable"),
                rs.getString("reseller_model") == null ? null : ResellerModel.valueOf(rs.getString("reseller_model")),
                (Boolean) rs.getObject("customer_invoicing"),
                rs.getString("customer_invoice_format") == null ? null
                        : InvoiceFormat.valueOf(rs.getString("customer_invoice_format")),
                country, rs.getString("currency"),
                new Address(rs.getString("street"), rs.getString("city"), rs.getString("postal_code"), country),
                rs.getString("tax_id"), rs.getString("signature_billing"), subtree);
    };

    private final JdbcClient jdbc;

    BillingParties(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An issuer or buyer of invoices.
     *
     * @param billable              false for a reseller's simple customer (no invoices)
     * @param customerInvoicing     a reseller's profile: whether it invoices its customers (null: not a reseller)
     * @param customerInvoiceFormat a reseller's profile: the format of the invoices it issues to its customers
     * @param subtree               the party's whole subtree, for what billing reads below it (its subtree's usage);
     *                              {@code null} for a party above the caller's scope
     */
    public record Party(UUID id, String path, AccountType type, UUID vendorId, String companyName,
                        String customerNumber, int billCycleDay, Integer customerBillCycleDay, boolean billable,
                        ResellerModel resellerModel, Boolean customerInvoicing, InvoiceFormat customerInvoiceFormat,
                        String country, String currency, Address address, String taxId, String billingSignature,
                        Subtree subtree) {

        /** The same party for a caller above which it lies: what it is, not what lies below it. */
        Party withoutSubtree() {
            return new Party(id, path, type, vendorId, companyName, customerNumber, billCycleDay, customerBillCycleDay,
                    billable, resellerModel, customerInvoicing, customerInvoiceFormat, country, currency, address,
                    taxId, billingSignature, null);
        }
    }

    public Map<UUID, Party> of(Caller caller, Collection<UUID> ids) {
        Map<UUID, Party> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT id, path, type, vendor_id, company_name, customer_number, bill_cycle_day,
                               customer_bill_cycle_day, COALESCE(billable, true) AS billable, reseller_model,
                               customer_invoicing, customer_invoice_format, country, currency, street, city,
                               postal_code, tax_id,
                               signature_billing, status, level
                        FROM account WHERE id = ANY(:ids)""")
                .param("ids", ids.stream().distinct().toArray(UUID[]::new))
                .query(PARTY)
                .list()
                .forEach(party -> {
                    if (caller.covers(party.path())) {
                        result.put(party.id(), party);
                    } else if (AccountScope.knows(caller, party.path())) {
                        result.put(party.id(), party.withoutSubtree());
                    }
                });
        return result;
    }

    /** The commission resellers the caller covers (for their monthly statements). */
    public Map<UUID, Party> commissionResellers(Caller caller) {
        var ids = jdbc.sql("SELECT id FROM account WHERE type = 'RESELLER' AND reseller_model = 'COMMISSION'")
                .query(UUID.class).list();
        return of(caller, ids);
    }
}
