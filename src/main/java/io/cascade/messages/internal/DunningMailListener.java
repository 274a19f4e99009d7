package io.cascade.messages.internal;

import io.cascade.billing.api.InvoiceManagement;
import io.cascade.dunning.api.DunningCustomersSuspended;
import io.cascade.dunning.api.DunningEnded;
import io.cascade.dunning.api.DunningStepsTaken;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Queues the dunning mails in the transaction that took the steps, suspended a reseller's customers or ended the
 * episodes: one batch insert per event, whatever the number of buyers.
 */
@Component
class DunningMailListener {
    private final Outbox outbox;

    DunningMailListener(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(DunningStepsTaken event) {
        List<MailDraft> drafts = new ArrayList<>();
        for (DunningStepsTaken.Step step : event.steps()) {
            DunningMails.kindOf(step.action()).ifPresent(kind -> drafts.add(new MailDraft(kind, step.buyerId(),
                    MailParties.values("issuerId", step.issuerId().toString(),
                            "episodeId", step.episodeId().toString(),
                            "amount", step.overdue().amount().toPlainString(),
                            "currency", step.overdue().currency().getCurrencyCode(),
                            "oldestDueDate", step.oldestDueDate().toString(),
                            "daysOverdue", Integer.toString(step.daysOverdue()),
                            "feeInvoiceId", step.feeInvoiceId() == null ? null : step.feeInvoiceId().toString(),
                            "customersSuspendOn", step.customersSuspendOn() == null ? null
                                    : step.customersSuspendOn().toString()))));
            if (step.customersSuspendOn() != null) {
                // the reseller's customers get notice before anything of theirs is suspended (ADR 0032)
                step.customerIds().forEach(customer -> drafts.add(new MailDraft(DunningMails.CUSTOMER_NOTICE,
                        customer, Map.of("suspendOn", step.customersSuspendOn().toString(),
                        "episodeId", step.episodeId().toString()))));
            }
        }
        if (!drafts.isEmpty()) {
            outbox.mails(drafts);
        }
    }

    @EventListener
    void on(DunningCustomersSuspended event) {
        outbox.mails(event.customerIds().stream().map(customer -> new MailDraft(DunningMails.CUSTOMER_SUSPENDED,
                customer, Map.of("episodeId", event.episodeId().toString()))).toList());
    }

    @EventListener
    void on(DunningEnded event) {
        List<MailDraft> drafts = new ArrayList<>();
        for (DunningEnded.Episode episode : event.episodes()) {
            drafts.add(new MailDraft(DunningMails.ENDED, episode.buyerId(), MailParties.values(
                    "issuerId", episode.issuerId().toString(), "episodeId", episode.episodeId().toString(),
                    "servicesResumed", episode.subscriptionsResumed() > 0)));
            episode.customerIds().forEach(customer -> drafts.add(new MailDraft(DunningMails.CUSTOMER_RESUMED,
                    customer, Map.of("episodeId", episode.episodeId().toString()))));
        }
        outbox.mails(drafts);
    }

    /** One composer bean per dunning mail kind. */
    @Configuration(proxyBeanMethods = false)
    static class Composers {
        @Bean
        MailComposer dunningReminderMail(InvoiceManagement invoices, MailParties parties) {
            return new DunningMails(DunningMails.REMINDER, invoices, parties);
        }

        @Bean
        MailComposer dunningWarningMail(InvoiceManagement invoices, MailParties parties) {
            return new DunningMails(DunningMails.WARNING, invoices, parties);
        }

        @Bean
        MailComposer dunningOrdersBlockedMail(InvoiceManagement invoices, MailParties parties) {
            return new DunningMails(DunningMails.ORDERS_BLOCKED, invoices, parties);
        }

        @Bean
        MailComposer dunningSuspendedMail(InvoiceManagement invoices, MailParties parties) {
            return new DunningMails(DunningMails.SUSPENDED, invoices, parties);
        }

        @Bean
        MailComposer dunningEndedMail(InvoiceManagement invoices, MailParties parties) {
            return new DunningMails(DunningMails.ENDED, invoices, parties);
        }

        @Bean
        MailComposer dunningCustomerNoticeMail(InvoiceManagement invoices, MailParties parties) {
            return new DunningMails(DunningMails.CUSTOMER_NOTICE, invoices, parties);
        }

        @Bean
        MailComposer dunningCustomerSuspendedMail(InvoiceManagement invoices, MailParties parties) {
            return new DunningMails(DunningMails.CUSTOMER_SUSPENDED, invoices, parties);
        }

        @Bean
        MailComposer dunningCustomerResumedMail(InvoiceManagement invoices, MailParties parties) {
            return new DunningMails(DunningMails.CUSTOMER_RESUMED, invoices, parties);
        }
    }
}
