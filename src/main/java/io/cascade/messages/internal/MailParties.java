package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.identity.api.StaffRecipients;
import io.cascade.shared.Caller;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Money;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Whom the business mails (invoices, payments, suspensions, failed provisioning tasks) go to and in whose name, read
 * at dispatch through the other modules' published services as the platform (the provider's system caller, which
 * covers the whole tree).
 * <ul>
 *     <li>the <b>billing contact</b> of a buyer: its {@code billingEmail}, else its contact's e-mail, else its active
 *     account administrators;</li>
 *     <li>the <b>administrators</b> of an account: its active staff with the {@code ACCOUNT_ADMIN} role;</li>
 *     <li>the <b>staff holding a privilege</b> (those who may retry a failed provisioning task).</li>
 * </ul>
 */
@Component
class MailParties {
    private final AccountScope scope;
    private final AccountManagement accounts;
    private final StaffRecipients staff;
    /** The platform the composers read as; the provider never changes once created. */
    private volatile Caller platform;

    MailParties(AccountScope scope, AccountManagement accounts, StaffRecipients staff) {
        this.scope = scope;
        this.accounts = accounts;
        this.staff = staff;
    }

    /** Who to write to, and the name to greet them with when there is one person to greet. */
    record Recipients(List<String> to, String name) {
        boolean none() {
            return to.isEmpty();
        }
    }

    Caller platform() {
        Caller caller = platform;
        if (caller == null) {
            ScopedAccount provider = scope.provider().orElseThrow();
            caller = Caller.system(provider.id(), provider.path(), "messages");
            platform = caller;
        }
        return caller;
    }

    /** The account, or empty when it no longer exists. */
    Optional<AccountView> account(UUID accountId) {
        try {
            return Optional.of(accounts.get(platform(), accountId));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Whose name and templates a mail to the account's people carries: its vendor's (the provider: its own). */
    UUID vendorOf(AccountView account) {
        return account.vendorId() != null ? account.vendorId() : account.id();
    }

    /** The buyer's billing contact: its billing e-mail, else its contact's e-mail, else its administrators. */
    Recipients billingContact(AccountView buyer) {
        if (buyer.billingEmail() != null && !buyer.billingEmail().isBlank()) {
            return new Recipients(List.of(buyer.billingEmail()), null);
        }
        if (buyer.contact() != null && buyer.contact().email() != null && !buyer.contact().email().isBlank()) {
            return new Recipients(List.of(buyer.contact().email()), buyer.contact().name());
        }
        return administrators(buyer.id());
    }

    /** The account's active administrators. */
    Recipients administrators(UUID accountId) {
        return of(staff.administrators(List.of(accountId)).getOrDefault(accountId, List.of()));
    }

    /** The account's active staff who hold the privilege through any of their roles. */
    Recipients holding(UUID accountId, Privilege privilege) {
        return of(staff.holding(accountId, privilege));
    }

    private static Recipients of(List<StaffRecipients.Recipient> people) {
        return new Recipients(people.stream().map(StaffRecipients.Recipient::email).distinct().toList(),
                people.size() == 1 ? people.get(0).name() : null);
    }

    /** An amount as mails show it: the exact decimal and the currency code ({@code 119.00 EUR}). */
    static String amount(Money money) {
        return money.amount().toPlainString() + " " + money.currency().getCurrencyCode();
    }

    /** A map of model values that leaves out nulls (a missing value renders as nothing). */
    static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
