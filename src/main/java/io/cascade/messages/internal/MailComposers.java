package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountStatusChanged;
import io.cascade.billing.api.InvoiceKind;
import io.cascade.billing.api.InvoiceManagement;
import io.cascade.identity.api.UserStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The composers of the mails that come in pairs built alike, one bean per mail kind ({@link MailChannel} looks a
 * composer up by its kind): the suspension and the resumption of an account ({@link AccountStatusMails}), the issued
 * invoice and credit note ({@link DocumentMails}), the invitation and the password reset ({@link LinkMail}).
 */
@Configuration(proxyBeanMethods = false)
class MailComposers {

    /** {@code account-suspended}: to the suspended account's administrators, with the reason. */
    @Bean
    MailComposer accountSuspendedMail(MailParties parties) {
        return new AccountStatusMails(AccountStatusChanged.Change.SUSPENDED, parties);
    }

    /** {@code account-resumed}: to the resumed account's administrators, with the reason. */
    @Bean
    MailComposer accountResumedMail(MailParties parties) {
        return new AccountStatusMails(AccountStatusChanged.Change.RESUMED, parties);
    }

    /** {@code invoice-issued}: an invoice to the buyer's billing contact, with its PDF or CSV. */
    @Bean
    MailComposer invoiceIssuedMail(InvoiceManagement invoices, MailParties parties) {
        return new DocumentMails(InvoiceKind.INVOICE, invoices, parties);
    }

    /** {@code credit-note-issued}: a credit note to the buyer's billing contact, with its PDF or CSV. */
    @Bean
    MailComposer creditNoteIssuedMail(InvoiceManagement invoices, MailParties parties) {
        return new DocumentMails(InvoiceKind.CREDIT_NOTE, invoices, parties);
    }

    /**
     * {@code invitation}: a link to {@code /panel/invitation}, where the invited user chooses its password and becomes
     * ACTIVE. Nothing is sent once the user is no longer INVITED or the invitation expired.
     */
    @Bean
    MailComposer invitationMail(MailRecipients recipients, PublicUrl publicUrl, Clock clock) {
        return new LinkMail(SignInMessages.INVITATION, UserStatus.INVITED, "/panel/invitation", recipients, publicUrl,
                clock);
    }

    /**
     * {@code password-reset}: the forgotten password's link to {@code /panel/password-reset}, where the user chooses a
     * new password. Nothing is sent once the user is no longer ACTIVE or the link expired.
     */
    @Bean
    MailComposer passwordResetMail(MailRecipients recipients, PublicUrl publicUrl, Clock clock) {
        return new LinkMail(SignInMessages.PASSWORD_RESET, UserStatus.ACTIVE, "/panel/password-reset", recipients,
                publicUrl, clock);
    }

    /** {@code usage-threshold}: 80 % or 100 % of a metered resource's limit reached this month (ADR 0039). */
    @Bean
    MailComposer usageThresholdMail(MailParties parties) {
        return new UsageLimitMails(UsageLimitMails.THRESHOLD, parties);
    }

    /** {@code usage-stopped}: a metered resource was stopped at its HARD limit. */
    @Bean
    MailComposer usageStoppedMail(MailParties parties) {
        return new UsageLimitMails(UsageLimitMails.STOPPED, parties);
    }

    /** {@code usage-resumed}: the stop was lifted (the limit raised, or a new month). */
    @Bean
    MailComposer usageResumedMail(MailParties parties) {
        return new UsageLimitMails(UsageLimitMails.RESUMED, parties);
    }

    /** {@code storefront-confirmation}: a sign-up's confirmation link, to the applicant ({@link StorefrontMails}). */
    @Bean
    MailComposer storefrontConfirmationMail(PublicUrl publicUrl, Clock clock) {
        return new StorefrontMails.Composer(StorefrontMails.CONFIRMATION, publicUrl, clock);
    }

    /** {@code storefront-activated}: the applicant's account exists (its password comes with the invitation). */
    @Bean
    MailComposer storefrontActivatedMail(PublicUrl publicUrl, Clock clock) {
        return new StorefrontMails.Composer(StorefrontMails.ACTIVATED, publicUrl, clock);
    }

    /** {@code storefront-rejected}: the vendor rejected the sign-up, with its reason. */
    @Bean
    MailComposer storefrontRejectedMail(PublicUrl publicUrl, Clock clock) {
        return new StorefrontMails.Composer(StorefrontMails.REJECTED, publicUrl, clock);
    }
}
