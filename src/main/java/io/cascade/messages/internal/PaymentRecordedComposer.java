package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountView;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.billing.api.InvoiceView;
import io.cascade.shared.NotFoundException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code payment-recorded}: the payment as it was recorded (amount, day, reference: the event's snapshot) to the
 * buyer's billing contact, in the buyer's language and the invoice issuer's templates, with its billing signature.
 */
@Component
class PaymentRecordedComposer implements MailComposer {
    static final String KIND = "payment-recorded";

    private final InvoiceManagement invoices;
    private final MailParties parties;

    PaymentRecordedComposer(InvoiceManagement invoices, MailParties parties) {
        this.invoices = invoices;
        this.parties = parties;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        // a payment that paid no invoice (all of it the buyer's credit) names its issuer and buyer instead
        InvoiceView invoice = null;
        String invoiceId = MessageData.textOrNull(message, "invoiceId");
        if (invoiceId != null) {
            try {
                invoice = invoices.get(parties.platform(), UUID.fromString(invoiceId));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        }
        String issuerId = MessageData.textOrNull(message, "issuerId");
        if (invoice == null && issuerId == null) {
            return Optional.empty();
        }
        UUID issuer = invoice != null ? invoice.issuerAccountId() : UUID.fromString(issuerId);
        Optional<AccountView> buyer = parties.account(message.accountId());
        if (buyer.isEmpty()) {
            return Optional.empty();
        }
        MailParties.Recipients to = parties.billingContact(buyer.get());
        if (to.none()) {
            return Optional.empty();
        }
        var model = MailParties.values(
                "invoice", invoice == null ? null : MailParties.values("number", invoice.number(), "total",
                        MailParties.amount(invoice.total()), "issueDate", invoice.issueDate().toString()),
                "payment", MailParties.values(
                        "amount", MessageData.text(message, "amount") + " " + MessageData.text(message, "currency"),
                        "paidOn", MessageData.text(message, "paidOn"),
                        "reference", MessageData.textOrNull(message, "reference")),
                "buyer", MailParties.values("name", buyer.get().companyName(),
                        "customerNumber", buyer.get().customerNumber()),
                "recipient", MailParties.values("name", to.name()));
        return Optional.of(new ComposedMail(to.to(), issuer, buyer.get().locale(),
                ComposedMail.Category.BILLING, model, List.of()));
    }
}
