package io.cascade.accounts.api;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What billing needs of the accounts that issue and receive invoices, read in bulk and WITHOUT a scope check: billing
 * runs as the platform, over the whole tree. Only for ids that came from billing's own data (subscriptions,
 * invoices), never for an id a client sent; no endpoint reaches it.
 */
@Component
public class BillingParties {
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
     * @param subtree               the party's whole subtree, for what billing reads below it (its subtree's usage)
     */
    public record Party(UUID id, String path, AccountType type, UUID vendorId, String companyName,
                        String customerNumber, int billCycleDay, Integer customerBillCycleDay, boolean billable,
                        ResellerModel resellerModel, Boolean customerInvoicing, InvoiceFormat customerInvoiceFormat,
                        String country, String currency, Address address, String taxId, String billingSignature,
                        Subtree subtree) {
    }

    public Map<UUID, Party> of(Collection<UUID> ids) {
        Map<UUID, Party> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT id, path, type, vendor_id, company_name, customer_number, bill_cycle_day,
                               customer_bill_cycle_day, COALESCE(billable, true), reseller_model, customer_invoicing,
                               customer_invoice_format, country, currency, street, city, postal_code, tax_id,
                               signature_billing, status, level
                        FROM account WHERE id = ANY(:ids)""")
                .param("ids", ids.stream().distinct().toArray(UUID[]::new))
                .query(rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    AccountType type = AccountType.valueOf(rs.getString(3));
                    Subtree subtree = Subtree.whole(new ScopedAccount(id, rs.getString(2), type,
                            AccountStatus.valueOf(rs.getString(20)), rs.getObject(4, UUID.class), rs.getInt(21),
                            rs.getString(5)));
                    result.put(id, new Party(id, rs.getString(2), type,
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getInt(7),
                            (Integer) rs.getObject(8), rs.getBoolean(9),
                            rs.getString(10) == null ? null : ResellerModel.valueOf(rs.getString(10)),
                            (Boolean) rs.getObject(11),
                            rs.getString(12) == null ? null : InvoiceFormat.valueOf(rs.getString(12)),
                            rs.getString(13) == null ? null : rs.getString(13).trim(), rs.getString(14),
                            new Address(rs.getString(15), rs.getString(16), rs.getString(17),
                                    rs.getString(13) == null ? null : rs.getString(13).trim()),
                            rs.getString(18), rs.getString(19), subtree));
                });
        return result;
    }

    /** The commission resellers (for their monthly statements). */
    public Map<UUID, Party> commissionResellers() {
        var ids = jdbc.sql("SELECT id FROM account WHERE type = 'RESELLER' AND reseller_model = 'COMMISSION'")
                .query(UUID.class).list();
        return of(ids);
    }
}
