package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.messages.api.MailSender;
import io.cascade.messages.api.MailSenderView;
import jakarta.mail.internet.InternetAddress;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Who an issuer's mail is from (issue 16). An issuer with its own sender configured ({@code mail_sender}: set by the
 * vendor's staff or by anyone above it — configuring it is what makes it the issuer's; Cascade sends no verification
 * mail) sends from that address, with its name (default: the issuer's company name), without a Reply-To (replies go
 * to the From address). Any
 * other issuer sends from the platform's address ({@code cascade.mail.from}) with its company name as display name,
 * and replies go to its contact address (none when it has none).
 */
@Component
class Senders {
    /** The From address and display name, and the Reply-To address (null: none). */
    record Sender(String address, String name, String replyTo) {
        /** The From header. */
        InternetAddress fromAddress() {
            try {
                return new InternetAddress(address, name, "UTF-8");
            } catch (java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The From header as text, as a mail program shows it ({@code "Name" <address>}). */
        String from() {
            return fromAddress().toUnicodeString();
        }
    }

    private final IssuerSenders senders;
    private final AccountManagement accounts;
    private final MailParties parties;
    private final String platformAddress;

    Senders(IssuerSenders senders, AccountManagement accounts, MailParties parties,
            MailTransport transport) {
        this.senders = senders;
        this.accounts = accounts;
        this.parties = parties;
        this.platformAddress = transport.from().getAddress();
    }

    /** The sender of the mail this issuer issues. */
    Sender forIssuer(UUID issuerId) {
        return forIssuer(issuer(issuerId));
    }

    /** The sender of the mail this issuer, already read, issues. */
    Sender forIssuer(AccountView issuer) {
        return of(issuer, senders.find(issuer.id()).map(IssuerSenders.Row::sender).orElse(null));
    }

    /** An issuer's account, read as the platform (callers are checked before). */
    AccountView issuer(UUID issuerId) {
        return accounts.get(parties.platform(), issuerId);
    }

    /** The sender of an issuer whose own sender (null: none) is known. */
    Sender of(AccountView issuer, MailSender own) {
        if (own != null) {
            String name = own.name() == null || own.name().isBlank() ? issuer.companyName() : own.name();
            return new Sender(own.email(), name, null);
        }
        String replyTo = issuer.contact() == null || issuer.contact().email() == null
                || issuer.contact().email().isBlank() ? null : issuer.contact().email();
        return new Sender(platformAddress, issuer.companyName(), replyTo);
    }

    /**
     * The sender of a mail in a brand (issue 18): a branded mail is sent under the brand's sender name (else its
     * display name), from the brand's sender address when it has one (replies then go to it), else from the issuer's
     * address as {@link #of} chooses it.
     */
    static Sender branded(Sender issuers, MailBrands.MailBrand brand) {
        if (!brand.branded()) {
            return issuers;
        }
        if (brand.senderAddress() != null) {
            return new Sender(brand.senderAddress(), brand.mailName(), null);
        }
        return new Sender(issuers.address(), brand.mailName(), issuers.replyTo());
    }

    /** The sender settings of an issuer as the API shows them. */
    MailSenderView view(AccountView issuer, IssuerSenders.Row row) {
        MailSender own = row == null ? null : row.sender();
        Sender sender = of(issuer, own);
        return new MailSenderView(own != null, own == null ? null : own.email(), own == null ? null : own.name(),
                sender.from(), sender.replyTo(), row == null ? 0 : row.version());
    }
}
