package io.cascade.storefront.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.Licences;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.catalog.api.Audience;
import io.cascade.catalog.api.PlanManagement;
import io.cascade.catalog.api.PlanView;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.storefront.internal.Activation;
import io.cascade.storefront.internal.Applications;
import io.cascade.storefront.internal.StorefrontStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A vendor's side of its storefront: its settings ({@code /api/v1/accounts/{id}/storefront}) and its queue of
 * sign-ups, approved or rejected with a reason. Every method starts with the subtree check; every change is audited
 * in its transaction.
 */
@Service
public class Storefronts {
    private final StorefrontStore store;
    private final Applications applications;
    private final Activation activation;
    private final AccountScope scope;
    private final PlanManagement plans;
    private final Validation validation;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Licences licences;

    Storefronts(StorefrontStore store, Applications applications, Activation activation, AccountScope scope,
                PlanManagement plans, Validation validation, AuditTrail audit, ApplicationEventPublisher events,
                Clock clock, Licences licences) {
        this.licences = licences;
        this.store = store;
        this.applications = applications;
        this.activation = activation;
        this.scope = scope;
        this.plans = plans;
        this.validation = validation;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The vendor's storefront settings (defaults when it never saved any); 404 for a customer. */
    @Transactional(readOnly = true)
    public StorefrontView settings(Caller caller, UUID accountId) {
        AccountFacts vendor = vendor(caller, accountId, Privilege.CATALOG_READ);
        return view(vendor, store.find(vendor.id()).orElse(null));
    }

    /** Replaces the settings; {@code ifMatch} (optional) must name the current version. */
    @Transactional
    public StorefrontView update(Caller caller, UUID accountId, String ifMatch, StorefrontSettings settings) {
        AccountFacts vendor = vendor(caller, accountId, Privilege.CATALOG_MANAGE);
        StorefrontStore.Row before = store.find(vendor.id()).orElse(null);
        Etags.checkIfMatch(ifMatch, before == null ? 0 : before.version());
        List<FieldProblem> problems = new ArrayList<>();
        List<UUID> shown = settings == null || settings.shownPlanIds() == null ? null
                : List.copyOf(new java.util.LinkedHashSet<>(settings.shownPlanIds()));
        if (shown != null) {
            Set<UUID> onSale = new HashSet<>(plans.onSale(caller, vendor.id()).stream()
                    .filter(p -> p.audience() == Audience.END_CUSTOMER).map(PlanView::id).toList());
            for (int i = 0; i < settings.shownPlanIds().size(); i++) {
                UUID id = settings.shownPlanIds().get(i);
                if (id != null && !onSale.contains(id)) {
                    problems.add(new FieldProblem("shownPlanIds[" + i + "]",
                            "is not a published end-customer plan this account sells"));
                }
            }
        }
        validation.check(settings, problems);
        if (store.slugTaken(settings.slug(), vendor.id())) {
            throw slugTaken();
        }
        Instant now = clock.instant();
        try {
            boolean written = before == null
                    ? store.insert(vendor.id(), vendor.path(), settings.slug(), settings.enabled(), settings.title(),
                    blankToNull(settings.intro()), settings.approval(), shown, now)
                    : store.update(vendor.id(), before.version(), settings.slug(), settings.enabled(),
                    settings.title(), blankToNull(settings.intro()), settings.approval(), shown, now);
            if (!written) {
                throw new PreconditionFailedException();
            }
        } catch (DuplicateKeyException e) {
            throw slugTaken();
        }
        StorefrontView after = view(vendor, store.find(vendor.id()).orElseThrow());
        audit.record(new AuditRecord(caller, vendor.id(), vendor.path(), "storefront.updated",
                before == null ? null : view(vendor, before), after));
        return after;
    }

    /** The vendor's sign-ups in a status (default: PENDING_APPROVAL, its queue), oldest first. */
    @Transactional(readOnly = true)
    public Page<ApplicationView> applications(Caller caller, UUID accountId, ApplicationStatus status, Integer limit,
                                              String cursor) {
        AccountFacts vendor = vendor(caller, accountId, Privilege.ACCOUNTS_READ);
        int size = Cursors.limit(limit);
        String after = Cursors.decode("application", cursor);
        String[] key = after == null ? null : after.split("\\|", 2);
        if (key != null && (key.length != 2 || !key[1].matches("[0-9a-f-]{36}")
                || !key[0].matches("[0-9T:.+\\-Z ]+"))) {
            throw new io.cascade.shared.InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<Applications.Found> rows = applications.ofVendor(vendor.id(),
                status == null ? ApplicationStatus.PENDING_APPROVAL : status, key == null ? null : key[0],
                key == null ? null : key[1], size + 1);
        List<ApplicationView> views = rows.stream().limit(size).map(f -> named(f.view())).toList();
        String next = rows.size() > size ? Cursors.encode("application",
                views.get(size - 1).createdAt() + "|" + views.get(size - 1).id()) : null;
        return new Page<>(views, next);
    }

    /** One sign-up, for its vendor's side. */
    @Transactional(readOnly = true)
    public ApplicationView application(Caller caller, UUID applicationId) {
        ApplicationView view = applications.find(applicationId).map(Applications.Found::view)
                .orElseThrow(NotFoundException::new);
        caller.requireCovers(view.vendorPath());
        caller.require(Privilege.ACCOUNTS_READ);
        licences.requireAt(view.vendorPath(), Feature.STOREFRONT);
        return named(view);
    }

    /**
     * Approves a confirmed sign-up in the queue: in one transaction its customer account, first administrator (who is
     * invited to choose a password) and subscription are created, and the applicant is mailed the outcome.
     */
    @Transactional
    public ApplicationView approve(Caller caller, UUID applicationId) {
        ApplicationView before = queued(caller, applicationId);
        activation.activate(caller, before);
        ApplicationView after = named(applications.find(applicationId).orElseThrow().view());
        audit.record(new AuditRecord(caller, before.vendorId(), before.vendorPath(), "storefront.application-approved",
                Map.of("status", before.status()), after));
        return after;
    }

    /** Rejects a confirmed sign-up in the queue with a reason, which is mailed to the applicant. */
    @Transactional
    public ApplicationView reject(Caller caller, UUID applicationId, Rejection rejection) {
        ApplicationView before = queued(caller, applicationId);
        validation.check(rejection);
        String reason = rejection.reason().strip();
        applications.decided(before.id(), ApplicationStatus.REJECTED, caller.userId(), reason, null, clock.instant());
        ApplicationView after = named(applications.find(applicationId).orElseThrow().view());
        audit.record(new AuditRecord(caller, before.vendorId(), before.vendorPath(), "storefront.application-rejected",
                Map.of("status", before.status()), after));
        events.publishEvent(new SignUpDecided(after.id(), after.vendorId(), ApplicationStatus.REJECTED, after.email(),
                after.contactName(), after.companyName(), after.language(), reason, null));
        return after;
    }

    private ApplicationView queued(Caller caller, UUID applicationId) {
        ApplicationView view = applications.lock(applicationId).map(Applications.Found::view)
                .orElseThrow(NotFoundException::new);
        caller.requireCovers(view.vendorPath());
        caller.require(Privilege.ACCOUNTS_MANAGE);
        licences.requireAt(view.vendorPath(), Feature.STOREFRONT);
        if (view.status() != ApplicationStatus.PENDING_APPROVAL) {
            throw RuleViolationException.conflict(Problem.APPLICATION_DECIDED, "Only a confirmed sign-up waiting "
                    + "for approval can be approved or rejected; this one is " + view.status() + ".");
        }
        return view;
    }

    private ApplicationView named(ApplicationView view) {
        String planName;
        try {
            planName = plans.nameOf(view.planId());
        } catch (NotFoundException e) {
            planName = null;
        }
        return new ApplicationView(view.id(), view.vendorId(), view.status(), view.companyName(), view.country(),
                view.contactName(), view.email(), view.planId(), planName, view.resources(), view.createdAt(),
                view.confirmedAt(), view.decidedAt(), view.reason(), view.accountId(), view.vendorPath(),
                view.language());
    }

    /** The vendor behind the id: 404 outside the caller's subtree, 403 without the privilege, 404 for a customer. */
    private AccountFacts vendor(Caller caller, UUID accountId, Privilege privilege) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(privilege);
        AccountFacts facts = scope.facts(caller, account.id()).orElseThrow(NotFoundException::new);
        if (!facts.sells()) {
            throw new NotFoundException(); // a customer has no storefront
        }
        licences.require(account, Feature.STOREFRONT);
        return facts;
    }

    static StorefrontView view(AccountFacts vendor, StorefrontStore.Row row) {
        if (row == null) {
            return new StorefrontView(vendor.id(), false, false, null, vendor.companyName(), null,
                    ApprovalMode.AUTOMATIC, null, null, 0);
        }
        return new StorefrontView(row.accountId(), true, row.enabled(), row.slug(), row.title(), row.intro(),
                row.approval(), row.shownPlans(), row.updatedAt(), row.version());
    }

    private static RuleViolationException slugTaken() {
        return new RuleViolationException(Problem.STOREFRONT_SLUG_TAKEN, "Another storefront has this slug.",
                Map.of("errors", List.of(new FieldProblem("slug", "is already taken"))));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
