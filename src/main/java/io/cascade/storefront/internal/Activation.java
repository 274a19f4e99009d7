package io.cascade.storefront.internal;

import io.cascade.accounts.api.AccountDraft;
import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.Address;
import io.cascade.accounts.api.Contact;
import io.cascade.accounts.api.NewAdministrator;
import io.cascade.shared.Caller;
import io.cascade.storefront.api.ApplicationStatus;
import io.cascade.storefront.api.ApplicationView;
import io.cascade.storefront.api.SignUpDecided;
import io.cascade.subscriptions.api.NewSubscription;
import io.cascade.subscriptions.api.SubscriptionManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Turns a confirmed sign-up into a customer, through the modules' own services and in the caller's one transaction:
 * the customer account below the vendor, its first administrator (without a password: identity invites it to choose
 * one, which confirms the login), the account's activation, and the subscription on the chosen plan. They act as the
 * vendor itself ({@link Caller#system}, scoped to the vendor's subtree); the approving staff member, if any, is
 * recorded on the application and in its audit event. Then the applicant is told ({@link SignUpDecided}).
 */
@Component
public class Activation {
    private final AccountManagement accounts;
    private final SubscriptionManagement subscriptions;
    private final Applications applications;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Activation(AccountManagement accounts, SubscriptionManagement subscriptions, Applications applications,
               ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.applications = applications;
        this.events = events;
        this.clock = clock;
    }

    /** Creates the customer of the application (locked by the caller) and marks it ACTIVATED. */
    @Transactional(propagation = Propagation.MANDATORY)
    public AccountView activate(Caller decidedBy, ApplicationView application) {
        Caller vendor = Caller.system(application.vendorId(), application.vendorPath(),
                decidedBy == null ? "storefront" : decidedBy.requestId());
        AccountDraft draft = new AccountDraft(AccountType.CUSTOMER, application.vendorId(), application.companyName(),
                null, new Address(null, null, null, application.country()), null, null, null, null,
                new Contact(application.contactName(), application.email(), null), application.email(), null, null,
                null, null, null, null, null,
                new NewAdministrator(application.email(), application.contactName(), null));
        AccountView account = accounts.create(vendor, draft);
        accounts.activate(vendor, account.id());
        subscriptions.create(vendor, account.id(), new NewSubscription(application.planId(), null,
                application.resources() == null || application.resources().isEmpty() ? null
                        : application.resources()));
        applications.decided(application.id(), ApplicationStatus.ACTIVATED,
                decidedBy == null ? null : decidedBy.userId(), null, account.id(), clock.instant());
        events.publishEvent(new SignUpDecided(application.id(), application.vendorId(), ApplicationStatus.ACTIVATED,
                application.email(), application.contactName(), application.companyName(), application.language(),
                null, account.id()));
        return account;
    }
}
