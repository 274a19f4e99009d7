package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountView;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.InvoiceView;
import io.cascade.dunning.api.DunningAction;
import io.cascade.shared.NotFoundException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The dunning mails (issue 17, ADR 0032), composed alike from the facts their listener stored: to the buyer's billing
 * contact in the issuer's templates and name ({@code dunning-reminder}, {@code dunning-warning} with its late fee,
 * {@code dunning-orders-blocked}, {@code dunning-suspended} — for a reseller with the day its customers follow —, and
 * {@code dunning-ended}), or to a reseller's customer in its own vendor's templates ({@code dunning-customer-notice}
 * before its services are suspended for the reseller's debt, {@code dunning-customer-suspended},
 * {@code dunning-customer-resumed}).
 */
final class DunningMails implements MailComposer {
    static final String REMINDER = "dunning-reminder";
    static final String WARNING = "dunning-warning";
    static final String ORDERS_BLOCKED = "dunning-orders-blocked";
    static final String SUSPENDED = "dunning-suspended";
    static final String ENDED = "dunning-ended";
    static final String CUSTOMER_NOTICE = "dunning-customer-notice";
    static final String CUSTOMER_SUSPENDED = "dunning-customer-suspended";
    static final String CUSTOMER_RESUMED = "dunning-customer-resumed";

    /** The kinds that go to a reseller's customer rather than the buyer in dunning. */
    private static final List<String> TO_CUSTOMERS = List.of(CUSTOMER_NOTICE, CUSTOMER_SUSPENDED, CUSTOMER_RESUMED);

    private final String kind;
    private final InvoiceManagement invoices;
    private final MailParties parties;

    DunningMails(String kind, InvoiceManagement invoices, MailParties parties) {
        this.kind = kind;
        this.invoices = invoices;
        this.parties = parties;
    }

    /** The buyer's mail of a step; empty for a step that mails nobody (FLAG: a person decides). */
    static Optional<String> kindOf(DunningAction action) {
        return switch (action) {
            case REMINDER -> Optional.of(REMINDER);
            case WARNING -> Optional.of(WARNING);
            case BLOCK_ORDERS -> Optional.of(ORDERS_BLOCKED);
            case SUSPEND -> Optional.of(SUSPENDED);
            case FLAG -> Optional.empty();
        };
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        Optional<AccountView> account = parties.account(message.accountId());
        if (account.isEmpty()) {
            return Optional.empty();
        }
        MailParties.Recipients to = parties.billingContact(account.get());
        if (to.none()) {
            return Optional.empty();
        }
        String issuerText = MessageData.textOrNull(message, "issuerId");
        UUID issuer = TO_CUSTOMERS.contains(kind) || issuerText == null ? parties.vendorOf(account.get())
                : UUID.fromString(issuerText);
        Map<String, Object> fee = null;
        String feeInvoiceId = MessageData.textOrNull(message, "feeInvoiceId");
        if (feeInvoiceId != null) {
            try {
                InvoiceView invoice = invoices.get(parties.platform(), UUID.fromString(feeInvoiceId));
                fee = MailParties.values("number", invoice.number(), "total", MailParties.amount(invoice.total()),
                        "dueDate", invoice.dueDate().toString());
            } catch (NotFoundException e) {
                fee = null;
            }
        }
        String amount = MessageData.textOrNull(message, "amount");
        var model = MailParties.values(
                "buyer", MailParties.values("name", account.get().companyName(),
                        "customerNumber", account.get().customerNumber()),
                "overdue", amount == null ? null : MailParties.values(
                        "amount", amount + " " + MessageData.text(message, "currency"),
                        "oldestDueDate", MessageData.textOrNull(message, "oldestDueDate"),
                        "days", MessageData.textOrNull(message, "daysOverdue")),
                "fee", fee,
                "customersSuspendOn", MessageData.textOrNull(message, "customersSuspendOn"),
                "suspendOn", MessageData.textOrNull(message, "suspendOn"),
                "servicesResumed", MessageData.flag(message, "servicesResumed") ? "true" : null,
                "recipient", MailParties.values("name", to.name()));
        return Optional.of(new ComposedMail(to.to(), issuer, account.get().locale(), ComposedMail.Category.BILLING,
                model, List.of()));
    }
}
