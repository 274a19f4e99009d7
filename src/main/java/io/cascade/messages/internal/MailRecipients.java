package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.identity.api.StaffManagement;
import io.cascade.identity.api.UserView;
import io.cascade.shared.Caller;
import io.cascade.shared.NotFoundException;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What the composers of account mail (invitations, password resets, service user welcomes) read about a recipient, as
 * the platform: the user, its account's language and time zone, and the issuer the mail goes out as — the account's
 * vendor, which serves it (the provider for its own users).
 */
@Component
class MailRecipients {
    private final AccountManagement accounts;
    private final MailParties parties;
    private final StaffManagement staff;

    MailRecipients(AccountManagement accounts, MailParties parties, StaffManagement staff) {
        this.accounts = accounts;
        this.parties = parties;
        this.staff = staff;
    }

    /** The recipient's account as the mail needs it. */
    record Account(AccountView view, UUID issuerId, String locale, ZoneId zone) {
        /** A moment in the account's language and time zone, e.g. "6 Dec 2026, 14:05 (Europe/Berlin)". */
        String format(Instant instant) {
            Locale language = Locale.forLanguageTag(locale == null ? "en" : locale.replace('_', '-'));
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                    .withLocale(language).withZone(zone).format(instant) + " (" + zone.getId() + ")";
        }
    }

    /** The user, while it exists. */
    Optional<UserView> user(UUID userId) {
        try {
            return Optional.of(staff.user(platform(), userId));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    Account account(UUID accountId) {
        AccountView view = accounts.get(platform(), accountId);
        ZoneId zone;
        try {
            zone = view.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(view.timeZone());
        } catch (DateTimeException e) {
            zone = ZoneOffset.UTC;
        }
        return new Account(view, parties.vendorOf(view), view.locale(), zone);
    }

    /** The platform itself (the provider's whole tree, every privilege): the recipients are not the caller. */
    Caller platform() {
        return parties.platform();
    }
}
