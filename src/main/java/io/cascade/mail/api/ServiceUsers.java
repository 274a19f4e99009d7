package io.cascade.mail.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.identity.api.ServiceUserLogins;
import io.cascade.identity.api.UserStatus;
import io.cascade.identity.api.UserView;
import io.cascade.mail.internal.Mailboxes;
import io.cascade.platform.api.Validation;
import io.cascade.provisioning.api.NewTask;
import io.cascade.provisioning.api.Operation;
import io.cascade.provisioning.api.ProvisioningTasks;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.subscriptions.api.SubscriptionManagement;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Service users of an account and their mailboxes. An account's administrators (USERS_MANAGE over it) create them
 * while the account has an active mail subscription; each mailbox counts as one unit of that subscription's mailbox
 * resource: when the live mailboxes would outnumber the ordered quantity, the quantity grows by one through the
 * subscription's own limits and the holdings above (422 {@code limit-exceeded} when a hard limit would be passed).
 * The mailbox is provisioned by the {@code mail} adapter. A service user sees only itself ({@code /api/v1/me}).
 */
@Service
public class ServiceUsers {
    /** The subject type of a mailbox's provisioning tasks. */
    public static final String MAILBOX = "MAILBOX";

    private final Mailboxes mailboxes;
    private final ServiceUserLogins logins;
    private final SubscriptionManagement subscriptions;
    private final ProvisioningTasks provisioning;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    ServiceUsers(Mailboxes mailboxes, ServiceUserLogins logins, SubscriptionManagement subscriptions,
                 ProvisioningTasks provisioning, AccountScope scope, Validation validation, AuditTrail audit,
                 Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.mailboxes = mailboxes;
        this.logins = logins;
        this.subscriptions = subscriptions;
        this.provisioning = provisioning;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    public Page<ServiceUserView> list(Caller caller, UUID accountId, Integer limit, String cursor) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.USERS_READ);
        int size = Cursors.limit(limit);
        List<ServiceUserView> rows = mailboxes.ofAccount(account.id(), Cursors.decode("service-user", cursor),
                size + 1);
        String next = rows.size() > size
                ? Cursors.encode("service-user", rows.get(size - 1).email().toLowerCase(Locale.ROOT)) : null;
        return new Page<>(rows.size() > size ? rows.subList(0, size) : rows, next);
    }

    /** The caller's own mailbox, when the caller is a service user with one. */
    public java.util.Optional<ServiceUserView> own(Caller caller) {
        return caller.userId() == null || caller.kind() != io.cascade.shared.UserKind.SERVICE_USER
                ? java.util.Optional.empty() : mailboxes.find(caller.subjectUserId());
    }

    /** One service user: itself, or for USERS_READ over its account. */
    public ServiceUserView get(Caller caller, UUID serviceUserId) {
        ServiceUserView user = mailboxes.find(serviceUserId).orElseThrow(NotFoundException::new);
        if (serviceUserId.equals(caller.subjectUserId()) && caller.kind() == io.cascade.shared.UserKind.SERVICE_USER) {
            return user;
        }
        caller.requireCovers(user.accountPath());
        caller.require(Privilege.USERS_READ);
        return user;
    }

    @Transactional
    public ServiceUserView create(Caller caller, UUID accountId, NewServiceUser request) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.USERS_MANAGE);
        validation.check(request, logins.passwordProblems(request.password(), request.email()));
        Mailboxes.MailSubscription mail = mailboxes.activeMailSubscription(account.id()).orElseThrow(() ->
                RuleViolationException.conflict(Problem.MAIL_SUBSCRIPTION_REQUIRED,
                        "Service users need an active mail subscription of the account."));
        mailboxes.lockAddresses();
        if (mailboxes.addressTaken(request.email())) {
            throw new RuleViolationException(Problem.MAILBOX_ADDRESS_TAKEN, "A mailbox with this address exists.",
                    Map.of("errors", List.of(new FieldProblem("email", "is already a mailbox"))));
        }
        // under the subscription's row lock: the live mailboxes plus this one, counted against the limits
        subscriptions.reserve(caller, mail.subscriptionId(), mail.mailboxResourceType(),
                () -> mailboxes.liveOn(mail.subscriptionId()) + 1);
        UserView login = logins.create(account.id(), request.email(), request.name(), request.password());
        mailboxes.insert(login.id(), account.id(), account.path(), mail, request.email(), request.mailboxQuotaMb(),
                clock.instant());
        provisioning.request(caller, new NewTask(account.id(), account.path(), mail.serviceId(), Operation.PROVISION,
                MAILBOX, login.id(), mail.subscriptionId(),
                Map.of("address", request.email(), "quotaMb", request.mailboxQuotaMb())));
        ServiceUserView created = mailboxes.find(login.id()).orElseThrow();
        audit.record(new AuditRecord(caller, account.id(), account.path(), "service-user.created", null, created));
        events.publishEvent(new ServiceUserCreated(created.id(), account.id(), created.email(), created.name(),
                request.mailboxQuotaMb(), login.invitationToken() != null));
        return created.withInvitation(login.invitationToken());
    }

    /**
     * Sets a service user's password, for an administrator of its account (USERS_MANAGE): the one given, checked
     * against the password policy, or a generated one shown once in the answer. Its tokens are revoked (it signs in
     * again with the new password), an invited user becomes ACTIVE. A removed service user has no password to reset
     * (409 {@code service-user-removed}).
     */
    @Transactional
    public PasswordResetView resetPassword(Caller caller, UUID serviceUserId, ServiceUserPassword request) {
        ServiceUserView user = mailboxes.find(serviceUserId).orElseThrow(NotFoundException::new);
        caller.requireCovers(user.accountPath());
        caller.require(Privilege.USERS_MANAGE);
        String wanted = request == null || request.password() == null || request.password().isEmpty() ? null
                : request.password();
        validation.check(new ServiceUserPassword(wanted), logins.passwordProblems(wanted, user.email()));
        if (removed(user)) {
            throw RuleViolationException.conflict(Problem.SERVICE_USER_REMOVED, "The service user is removed.");
        }
        String password = logins.resetPassword(user.id(), wanted);
        ServiceUserView after = mailboxes.find(user.id()).orElseThrow();
        audit.record(new AuditRecord(caller, user.accountId(), user.accountPath(), "service-user.password-reset",
                Map.of("status", user.status()), Map.of("status", after.status(), "generated", wanted == null)));
        return new PasswordResetView(after.id(), after.email(), after.status(), wanted == null ? password : null);
    }

    /**
     * The account's active mail subscription that new mailboxes count against (its oldest), if it has one; for
     * USERS_READ over the account.
     */
    public java.util.Optional<UUID> mailSubscription(Caller caller, UUID accountId) {
        ScopedAccount account = scope.require(caller, accountId);
        caller.require(Privilege.USERS_READ);
        return mailboxes.activeMailSubscription(account.id()).map(Mailboxes.MailSubscription::subscriptionId);
    }

    private static boolean removed(ServiceUserView user) {
        return user.removed() || user.mailbox().state() == MailboxState.REMOVED;
    }

    /**
     * Suspends an ACTIVE service user (USERS_MANAGE over its account): its login is disabled and its tokens revoked,
     * so it can neither sign in nor use its mailbox (the mail directory shows it disabled); the mailbox and its mail
     * stay, and it still counts. 409 {@code service-user-removed}, or {@code service-user-not-active} when it is not
     * ACTIVE (invited, or suspended already).
     */
    @Transactional
    public ServiceUserView suspend(Caller caller, UUID serviceUserId) {
        ServiceUserView user = manageable(caller, serviceUserId);
        if (user.status() != UserStatus.ACTIVE) {
            throw RuleViolationException.conflict(Problem.SERVICE_USER_NOT_ACTIVE, "Only an active service user can be "
                    + "suspended; this one is " + (user.status() == UserStatus.INVITED ? "invited" : "suspended") + ".");
        }
        logins.disable(user.id());
        return changed(caller, user, "service-user.suspended");
    }

    /** Resumes a suspended service user: it signs in and uses its mailbox again. 409 unless it is suspended. */
    @Transactional
    public ServiceUserView resume(Caller caller, UUID serviceUserId) {
        ServiceUserView user = manageable(caller, serviceUserId);
        if (!user.suspended()) {
            throw RuleViolationException.conflict(Problem.SERVICE_USER_NOT_SUSPENDED, "The service user is not suspended.");
        }
        logins.enable(user.id());
        return changed(caller, user, "service-user.resumed");
    }

    private ServiceUserView manageable(Caller caller, UUID serviceUserId) {
        ServiceUserView user = mailboxes.find(serviceUserId).orElseThrow(NotFoundException::new);
        caller.requireCovers(user.accountPath());
        caller.require(Privilege.USERS_MANAGE);
        if (removed(user)) {
            throw RuleViolationException.conflict(Problem.SERVICE_USER_REMOVED, "The service user is removed.");
        }
        return user;
    }

    private ServiceUserView changed(Caller caller, ServiceUserView before, String action) {
        ServiceUserView after = mailboxes.find(before.id()).orElseThrow();
        audit.record(new AuditRecord(caller, before.accountId(), before.accountPath(), action, before, after));
        return after;
    }

    /**
     * Changes a mailbox's quota, aliases and forwarding (USERS_MANAGE over its account; {@code ifMatch} the service
     * user's ETag, 412 when it changed meanwhile). An alias must be on one of the account's mail domains (the domains of
     * its live mailboxes) and be no other mailbox's address or alias on the platform (409
     * {@code mailbox-address-taken}); forwarding targets are well-formed addresses other than the mailbox's own. Every
     * bad field is reported at once and nothing is written. The mail server gets the change through the mailbox's
     * {@code CHANGE} provisioning task, as it got the mailbox through its {@code PROVISION} task.
     */
    @Transactional
    public ServiceUserView changeMailbox(Caller caller, UUID serviceUserId, String ifMatch,
                                         java.util.function.UnaryOperator<MailboxSettings> changes) {
        ServiceUserView user = manageable(caller, serviceUserId);
        io.cascade.shared.Etags.checkIfMatch(ifMatch, user.version());
        ServiceUserView.Mailbox mailbox = user.mailbox();
        MailboxSettings current = new MailboxSettings(mailbox.quotaMb(), mailbox.aliases(), mailbox.forwardTo(),
                mailbox.keepCopy());
        MailboxSettings wanted = changes.apply(current);
        validation.check(wanted, settingsProblems(user, wanted));
        List<String> aliases = wanted.aliases().stream().map(String::strip).toList();
        List<String> forwardTo = wanted.forwardTo().stream().map(String::strip).toList();
        if (wanted.quotaMb().equals(current.quotaMb()) && aliases.equals(current.aliases())
                && forwardTo.equals(current.forwardTo()) && wanted.keepCopy().equals(current.keepCopy())) {
            return user;
        }
        mailboxes.lockAddresses();
        java.util.Set<String> taken = new java.util.HashSet<>(mailboxes.addressesTaken(aliases, user.id()));
        List<FieldProblem> conflicts = new java.util.ArrayList<>();
        for (int i = 0; i < aliases.size(); i++) {
            if (taken.contains(aliases.get(i).toLowerCase(Locale.ROOT))) {
                conflicts.add(new FieldProblem("aliases[" + i + "]", "is already a mailbox or an alias"));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new RuleViolationException(Problem.MAILBOX_ADDRESS_TAKEN,
                    "An alias is already the address or an alias of a mailbox.", Map.of("errors", conflicts));
        }
        if (!mailboxes.updateSettings(user.id(), user.accountId(), user.version(), wanted.quotaMb(), aliases,
                forwardTo, wanted.keepCopy(), clock.instant())) {
            throw new io.cascade.shared.PreconditionFailedException();
        }
        provisioning.request(caller, new NewTask(user.accountId(), user.accountPath(), mailbox.serviceId(),
                Operation.CHANGE, MAILBOX, user.id(), mailbox.subscriptionId(), Map.of("address", mailbox.address(),
                "quotaMb", wanted.quotaMb(), "aliases", aliases, "forwardTo", forwardTo,
                "keepCopy", wanted.keepCopy())));
        ServiceUserView after = mailboxes.find(user.id()).orElseThrow();
        audit.record(new AuditRecord(caller, user.accountId(), user.accountPath(), "service-user.mailbox-changed",
                mailbox, after.mailbox()));
        return after;
    }

    /** The rules beyond the fields' own: aliases on the account's domains, no address twice, none the mailbox's own. */
    private List<FieldProblem> settingsProblems(ServiceUserView user, MailboxSettings wanted) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        String own = user.mailbox().address().toLowerCase(Locale.ROOT);
        if (wanted.aliases() != null) {
            List<String> domains = mailboxes.domainsOf(user.accountId());
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < wanted.aliases().size(); i++) {
                String alias = wanted.aliases().get(i);
                String field = "aliases[" + i + "]";
                if (alias == null || alias.isBlank()) {
                    continue;
                }
                String lower = alias.strip().toLowerCase(Locale.ROOT);
                String domain = lower.substring(lower.lastIndexOf('@') + 1);
                if (!ADDRESS.matcher(lower).matches()) {
                    problems.add(new FieldProblem(field, "must be a well-formed email address"));
                } else if (lower.equals(own)) {
                    problems.add(new FieldProblem(field, "is the mailbox's own address"));
                } else if (!seen.add(lower)) {
                    problems.add(new FieldProblem(field, "is listed twice"));
                } else if (!domains.contains(domain)) {
                    problems.add(new FieldProblem(field, "must be on one of the account's mail domains ("
                            + String.join(", ", domains) + ")"));
                }
            }
        }
        if (wanted.forwardTo() != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < wanted.forwardTo().size(); i++) {
                String target = wanted.forwardTo().get(i);
                String field = "forwardTo[" + i + "]";
                if (target == null || target.isBlank()) {
                    continue;
                }
                String lower = target.strip().toLowerCase(Locale.ROOT);
                if (!ADDRESS.matcher(lower).matches()) {
                    problems.add(new FieldProblem(field, "must be a well-formed email address"));
                } else if (lower.equals(own)) {
                    problems.add(new FieldProblem(field, "is the mailbox's own address (use keepCopy)"));
                } else if (!seen.add(lower)) {
                    problems.add(new FieldProblem(field, "is listed twice"));
                }
            }
        }
        return problems;
    }

    /** An address a mail server routes: a local part, and a domain of at least two labels. */
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile(
            "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}");

    /**
     * Takes a service user away: its login is disabled (its tokens revoked) and its mailbox deprovisioned. The
     * subscription keeps the quantity it ordered.
     */
    @Transactional
    public ServiceUserView remove(Caller caller, UUID serviceUserId) {
        ServiceUserView user = mailboxes.find(serviceUserId).orElseThrow(NotFoundException::new);
        caller.requireCovers(user.accountPath());
        caller.require(Privilege.USERS_MANAGE);
        if (removed(user)) {
            throw RuleViolationException.conflict(Problem.SERVICE_USER_REMOVED, "The service user is already removed.");
        }
        if (user.status() != UserStatus.DISABLED) {
            logins.disable(user.id());
        }
        mailboxes.markRemoved(user.id(), clock.instant());
        provisioning.request(caller, new NewTask(user.accountId(), user.accountPath(), user.mailbox().serviceId(),
                Operation.DEPROVISION, MAILBOX, user.id(), user.mailbox().subscriptionId(),
                Map.of("address", user.mailbox().address())));
        ServiceUserView after = mailboxes.find(user.id()).orElseThrow();
        audit.record(new AuditRecord(caller, user.accountId(), user.accountPath(), "service-user.removed", user,
                after));
        return after;
    }
}
