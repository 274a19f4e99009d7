package io.cascade.accounts.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.cascade.shared.Money;

import java.time.Instant;
import java.util.UUID;

/**
 * An account as the API shows it. {@code suspension} says why a suspended account is suspended: {@code OWN} (it was
 * suspended itself) or {@code VENDOR} (a suspension of an account above it cascaded down).
 */
public record AccountView(
        UUID id,
        AccountType type,
        UUID vendorId,
        int level,
        AccountStatus status,
        Suspension suspension,
        String companyName,
        String customerNumber,
        Address address,
        String phone,
        String homepage,
        Money estimatedAnnualRevenue,
        String taxId,
        Contact contact,
        String billingEmail,
        Signatures signatures,
        String currency,
        String locale,
        String timeZone,
        int billCycleDay,
        Boolean billable,
        ResellerProfile resellerProfile,
        Instant createdAt,
        Instant updatedAt,
        @JsonIgnore String path,
        @JsonIgnore long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) FirstAdministrators.EnrolledAdministrator admin) {

    public ScopedAccount scoped() {
        return new ScopedAccount(id, path, type, status, vendorId, level, companyName);
    }

    AccountView withAdmin(FirstAdministrators.EnrolledAdministrator administrator) {
        return new AccountView(id, type, vendorId, level, status, suspension, companyName, customerNumber, address,
                phone, homepage, estimatedAnnualRevenue, taxId, contact, billingEmail, signatures, currency, locale, timeZone,
                billCycleDay, billable, resellerProfile, createdAt, updatedAt, path, version, administrator);
    }
}
