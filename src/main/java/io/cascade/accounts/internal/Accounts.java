package io.cascade.accounts.internal;

import io.cascade.accounts.api.AccountStatus;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountUpdate;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.Address;
import io.cascade.accounts.api.Contact;
import io.cascade.accounts.api.InvoiceFormat;
import io.cascade.accounts.api.ResellerModel;
import io.cascade.accounts.api.ResellerProfile;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.accounts.api.Subtree;
import io.cascade.accounts.api.Signatures;
import io.cascade.accounts.api.Suspension;
import io.cascade.shared.Money;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The account table. Subtree reads are range scans on the materialized path (ADR 0002). */
@Repository
public class Accounts {
    static final String COLUMNS = """
            id, type, vendor_id, level, status, suspended_by, company_name, customer_number, street, city,
            postal_code, country, phone, homepage, revenue_amount, revenue_currency, tax_id, contact_name,
            contact_email, contact_phone, billing_email, signature_billing, signature_support, signature_sales, currency, locale,
            time_zone, bill_cycle_day, billable, reseller_model, customer_invoicing, customer_invoice_format,
            customer_bill_cycle_day, created_at, updated_at, path, version""";

    private static final RowMapper<AccountView> VIEW = Accounts::map;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    Accounts(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A new account row; {@code path} is its vendor's path plus its own segment. */
    public record NewRow(UUID id, long seq, String path, AccountType type, UUID vendorId, int level,
                         AccountStatus status, String customerNumber, AccountUpdate fields, Instant now) {
    }

    public long nextSeq() {
        return jdbc.sql("SELECT nextval('account_seq')").query(Long.class).single();
    }

    public Optional<AccountView> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = :id").param("id", id).query(VIEW).optional();
    }

    public Optional<AccountView> findProvider() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE type = 'PROVIDER'").query(VIEW).optional();
    }

    /** Takes the vendor's next generated customer number (the row lock also serializes creations per vendor). */
    public long takeCustomerNumber(UUID vendorId) {
        return jdbc.sql("""
                        UPDATE account SET next_customer_number = next_customer_number + 1
                        WHERE id = :id RETURNING next_customer_number - 1""")
                .param("id", vendorId).query(Long.class).single();
    }

    public boolean customerNumberTaken(UUID vendorId, String customerNumber, UUID except) {
        return jdbc.sql("""
                        SELECT count(*) FROM account
                        WHERE vendor_id = :vendor AND customer_number = :number
                          AND id IS DISTINCT FROM :except""")
                .param("vendor", vendorId).param("number", customerNumber).param("except", except)
                .query(Long.class).single() > 0;
    }

    public void insert(NewRow row) {
        AccountUpdate f = row.fields();
        jdbc.sql("INSERT INTO account (id, seq, path, type, vendor_id, level, status, customer_number, created_at, "
                        + "updated_at, company_name, currency, locale, time_zone, bill_cycle_day, reseller_model) VALUES (:id, "
                        + ":seq, :path, :type, :vendor, :level, :status, :number, :now, :now, :name, :currency, "
                        + ":locale, :zone, :day, :model)")
                .param("id", row.id()).param("seq", row.seq()).param("path", row.path())
                .param("type", row.type().name()).param("vendor", row.vendorId()).param("level", row.level())
                .param("status", row.status().name()).param("number", row.customerNumber())
                .param("now", Timestamp.from(row.now()))
                .param("name", f.companyName()).param("currency", f.currency()).param("locale", f.locale())
                .param("zone", f.timeZone()).param("day", f.billCycleDay())
                .param("model", f.resellerProfile() == null ? null : f.resellerProfile().model().name())
                .update();
        update(row.id(), null, f, row.now());
    }

    /** Writes the changeable fields; with {@code expectedVersion} only if the row still has it. */
    public boolean update(UUID id, Long expectedVersion, AccountUpdate f, Instant now) {
        Address a = f.address() != null ? f.address() : new Address(null, null, null, null);
        Contact c = f.contact() != null ? f.contact() : new Contact(null, null, null);
        Signatures s = f.signatures() != null ? f.signatures() : new Signatures(null, null, null);
        ResellerProfile p = f.resellerProfile();
        Money revenue = f.estimatedAnnualRevenue();
        return jdbc.sql("""
                        UPDATE account SET company_name = :name, customer_number = :number, street = :street,
                          city = :city, postal_code = :postal, country = :country, phone = :phone,
                          homepage = :homepage, revenue_amount = :revenue, revenue_currency = :revenueCurrency,
                          tax_id = :tax, contact_name = :cname, contact_email = :cemail, contact_phone = :cphone,
                          billing_email = :billingEmail,
                          signature_billing = :sbilling, signature_support = :ssupport, signature_sales = :ssales,
                          currency = :currency, locale = :locale, time_zone = :zone, bill_cycle_day = :day,
                          billable = :billable, reseller_model = :model, customer_invoicing = :invoicing,
                          customer_invoice_format = :format, customer_bill_cycle_day = :customerDay,
                          version = version + 1, updated_at = :now
                        WHERE id = :id AND (CAST(:expected AS bigint) IS NULL OR version = :expected)""")
                .param("name", f.companyName()).param("number", f.customerNumber())
                .param("street", a.street()).param("city", a.city()).param("postal", a.postalCode())
                .param("country", a.country()).param("phone", f.phone()).param("homepage", f.homepage())
                .param("revenue", revenue == null ? null : revenue.amount())
                .param("revenueCurrency", revenue == null ? null : revenue.currency().getCurrencyCode())
                .param("tax", f.taxId()).param("cname", c.name()).param("cemail", c.email())
                .param("cphone", c.phone()).param("billingEmail", f.billingEmail()).param("sbilling", s.billing()).param("ssupport", s.support())
                .param("ssales", s.sales()).param("currency", f.currency()).param("locale", f.locale())
                .param("zone", f.timeZone()).param("day", f.billCycleDay()).param("billable", f.billable())
                .param("model", p == null ? null : p.model().name())
                .param("invoicing", p == null ? null : p.customerInvoicing())
                .param("format", p == null ? null : p.customerInvoiceFormat().name())
                .param("customerDay", p == null ? null : p.customerBillCycleDay())
                .param("now", Timestamp.from(now)).param("id", id).param("expected", expectedVersion)
                .update() == 1;
    }

    /**
     * One page of the subtree strictly below {@code under}, in tree order (by path). Served by a range scan on one of
     * the (type, status, path) indexes; the first page of any subtree reads only about {@code limit} index entries.
     */
    public List<AccountView> subtree(Subtree scoped, AccountType type, AccountStatus status, String search,
                                     boolean directOnly, String afterPath, int limit) {
        ScopedAccount under = scoped.account();
        Subtree.Condition below = scoped.below("path", afterPath);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM account WHERE " + below.sql());
        var params = new java.util.HashMap<String, Object>(below.parameters());
        if (type != null) {
            sql.append(" AND type = :type");
            params.put("type", type.name());
        }
        if (status != null) {
            sql.append(" AND status = :status");
            params.put("status", status.name());
        }
        if (directOnly) {
            sql.append(" AND vendor_id = :vendor");
            params.put("vendor", under.id());
        }
        if (search != null && !search.isBlank()) {
            sql.append(" AND (company_name ILIKE :like ESCAPE '\\' OR customer_number = :exact)");
            params.put("like", "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            params.put("exact", search.strip());
        }
        sql.append(" ORDER BY path LIMIT :limit");
        params.put("limit", limit);
        if (search == null || search.isBlank()) {
            return jdbc.sql(sql.toString()).params(params).query(VIEW).list();
        }
        // A search is planned for its own values (issue 20, P7). With a generic plan, PostgreSQL cannot see how rare
        // the name is, so it also reads the subtree's whole path range as a bitmap: 0.4 s for a million accounts,
        // against 12 ms when it starts from the name's trigrams and sorts the few matches.
        return transactions.execute(tx -> {
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            return jdbc.sql(sql.toString()).params(params).query(VIEW).list();
        });
    }

    /**
     * Accounts strictly below {@code under} per type and status. For a whole subtree, the counts the triggers keep per
     * ancestor ({@code account_subtree_count}, ADR 0044): a read of at most a few rows, whatever the subtree's size;
     * for a narrowed one (a customer user's assigned customers, ADR 0009), one aggregate over its path ranges.
     */
    public Map<AccountType, Map<AccountStatus, Long>> countBelow(Subtree under) {
        Map<AccountType, Map<AccountStatus, Long>> counts = new java.util.EnumMap<>(AccountType.class);
        var statement = under.whole()
                ? jdbc.sql("""
                        SELECT type, status, accounts FROM account_subtree_count
                        WHERE path = :path AND accounts <> 0""").param("path", under.account().path())
                : under.below("path").bind(jdbc.sql("""
                        SELECT type, status, count(*) AS accounts FROM account
                        WHERE %s GROUP BY type, status""".formatted(under.below("path").sql())));
        statement.query(rs -> {
                    counts.computeIfAbsent(AccountType.valueOf(rs.getString("type")),
                            type -> new java.util.EnumMap<>(AccountStatus.class))
                            .put(AccountStatus.valueOf(rs.getString("status")), rs.getLong("accounts"));
                });
        return counts;
    }

    public boolean hasLiveDescendants(Subtree subtree) {
        Subtree.Condition below = subtree.below("path");
        return below.bind(jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM account WHERE %s
                                       AND status <> 'TERMINATED')""".formatted(below.sql())))
                .query(Boolean.class).single();
    }

    /** Whether any account (of this type, or of any type for null) lies below the subtree's root. */
    public boolean hasDescendants(Subtree subtree, io.cascade.accounts.api.AccountType type) {
        Subtree.Condition below = subtree.below("path");
        return below.bind(jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM account WHERE %s
                                       AND (CAST(:type AS text) IS NULL OR type = :type))""".formatted(below.sql())))
                .param("type", type == null ? null : type.name())
                .query(Boolean.class).single();
    }

    /** Serializes status cascades platform-wide for the rest of the transaction (they are rare, and must not race). */
    public void lockStatusChanges() {
        jdbc.sql("SELECT pg_advisory_xact_lock(4242001)").query(Object.class).single();
    }

    /** Account creations take this shared: they run side by side, but never beside a status cascade. */
    public void lockStatusChangesShared() {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(4242001)").query(Object.class).single();
    }

    /** An invitation accepted while the account was suspended out of PENDING: resuming it will activate it. */
    public void activateAfterSuspension(UUID id, Instant now) {
        jdbc.sql("""
                        UPDATE account SET status_before_suspension = 'ACTIVE', version = version + 1, updated_at = :now
                        WHERE id = :id AND status = 'SUSPENDED' AND status_before_suspension = 'PENDING'""")
                .param("id", id).param("now", Timestamp.from(now)).update();
    }

    /** An account touched by a cascade, with the status it had before. */
    public record Affected(UUID id, String path, AccountStatus statusBefore, AccountStatus statusAfter) {
    }

    private static final RowMapper<Affected> AFFECTED = (rs, n) -> new Affected(rs.getObject("id", UUID.class),
            rs.getString("path"), AccountStatus.valueOf(rs.getString("status_before")),
            AccountStatus.valueOf(rs.getString("status_after")));

    /** Suspends the account itself and every ACTIVE or PENDING account below it; answers those below. */
    public List<Affected> suspendSubtree(Subtree subtree, Instant now) {
        ScopedAccount account = subtree.account();
        Subtree.Condition below = subtree.below("path");
        jdbc.sql("""
                        UPDATE account SET status_before_suspension = status, status = 'SUSPENDED',
                               suspended_by = id, version = version + 1, updated_at = :now WHERE id = :id""")
                .param("id", account.id()).param("now", Timestamp.from(now)).update();
        return below.bind(jdbc.sql("""
                        UPDATE account SET status_before_suspension = status, status = 'SUSPENDED',
                               suspended_by = :by, version = version + 1, updated_at = :now
                        WHERE %s AND status IN ('ACTIVE', 'PENDING')
                        RETURNING id, path, status_before_suspension AS status_before,
                               status AS status_after""".formatted(below.sql())))
                .params(Map.of("by", account.id(), "now", Timestamp.from(now)))
                .query(AFFECTED).list();
    }

    /**
     * An account suspended by a vendor's cascade is now suspended on its own: it and what that cascade stopped below
     * it are re-attributed to it, so the vendor's resume no longer restores them.
     */
    public List<Affected> takeOverSuspension(Subtree subtree, UUID previousCause, Instant now) {
        ScopedAccount account = subtree.account();
        Subtree.Condition below = subtree.below("path");
        jdbc.sql("UPDATE account SET suspended_by = id, version = version + 1, updated_at = :now WHERE id = :id")
                .param("id", account.id()).param("now", Timestamp.from(now)).update();
        return below.bind(jdbc.sql("""
                        UPDATE account SET suspended_by = :by, version = version + 1, updated_at = :now
                        WHERE %s AND suspended_by = :previous
                        RETURNING id, path, 'SUSPENDED' AS status_before,
                               'SUSPENDED' AS status_after""".formatted(below.sql())))
                .params(Map.of("by", account.id(), "previous", previousCause, "now", Timestamp.from(now)))
                .query(AFFECTED).list();
    }

    /** Restores exactly what the account's own suspension stopped: itself and what it cascaded to. */
    public List<Affected> resumeSubtree(Subtree subtree, Instant now) {
        ScopedAccount account = subtree.account();
        Subtree.Condition within = subtree.within("path");
        return within.bind(jdbc.sql("""
                        UPDATE account SET status = status_before_suspension, status_before_suspension = NULL,
                               suspended_by = NULL, version = version + 1, updated_at = :now
                        WHERE %s AND suspended_by = :by
                        RETURNING id, path, 'SUSPENDED' AS status_before,
                               status AS status_after""".formatted(within.sql())))
                .params(Map.of("by", account.id(), "now", Timestamp.from(now)))
                .query(AFFECTED).list().stream().filter(a -> !a.id().equals(account.id())).toList();
    }

    public Optional<UUID> suspendedBy(UUID id) {
        return jdbc.sql("SELECT suspended_by FROM account WHERE id = :id").param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getObject("suspended_by", UUID.class))).single();
    }

    public void setStatus(UUID id, AccountStatus status, Instant now) {
        jdbc.sql("""
                        UPDATE account SET status = :status, suspended_by = NULL, status_before_suspension = NULL,
                               version = version + 1, updated_at = :now WHERE id = :id""")
                .param("status", status.name()).param("now", Timestamp.from(now)).param("id", id).update();
    }

    private static AccountView map(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        AccountStatus status = AccountStatus.valueOf(rs.getString("status"));
        UUID suspendedBy = rs.getObject("suspended_by", UUID.class);
        Suspension suspension = status != AccountStatus.SUSPENDED ? null
                : id.equals(suspendedBy) ? Suspension.OWN : Suspension.VENDOR;
        Address address = allNull(rs, "street", "city", "postal_code", "country") ? null
                : new Address(rs.getString("street"), rs.getString("city"), rs.getString("postal_code"),
                rs.getString("country"));
        Contact contact = allNull(rs, "contact_name", "contact_email", "contact_phone") ? null
                : new Contact(rs.getString("contact_name"), rs.getString("contact_email"),
                rs.getString("contact_phone"));
        Signatures signatures = allNull(rs, "signature_billing", "signature_support", "signature_sales") ? null
                : new Signatures(rs.getString("signature_billing"), rs.getString("signature_support"),
                rs.getString("signature_sales"));
        BigDecimal revenue = rs.getBigDecimal("revenue_amount");
        Money revenueMoney = revenue == null ? null
                : new Money(revenue, Currency.getInstance(rs.getString("revenue_currency")));
        String model = rs.getString("reseller_model");
        ResellerProfile profile = model == null ? null : new ResellerProfile(ResellerModel.valueOf(model),
                rs.getBoolean("customer_invoicing"), InvoiceFormat.valueOf(rs.getString("customer_invoice_format")),
                rs.getInt("customer_bill_cycle_day"));
        return new AccountView(id, AccountType.valueOf(rs.getString("type")), rs.getObject("vendor_id", UUID.class),
                rs.getInt("level"), status, suspension, rs.getString("company_name"), rs.getString("customer_number"),
                address, rs.getString("phone"), rs.getString("homepage"), revenueMoney, rs.getString("tax_id"),
                contact, rs.getString("billing_email"), signatures, rs.getString("currency"), rs.getString("locale"), rs.getString("time_zone"),
                rs.getInt("bill_cycle_day"), (Boolean) rs.getObject("billable"), profile,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("path"), rs.getLong("version"), null);
    }

    private static boolean allNull(ResultSet rs, String... columns) throws SQLException {
        for (String column : columns) {
            if (rs.getObject(column) != null) {
                return false;
            }
        }
        return true;
    }
}
