package io.cascade.catalog;

import io.cascade.accounts.AccountScope;
import io.cascade.accounts.AccountType;
import io.cascade.accounts.ScopedAccount;
import io.cascade.catalog.internal.Services;
import io.cascade.platform.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Privilege;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The provider's services and their resource types. Every signed-in user may read them (plans and usage name their
 * resource types); only the provider's staff define them, and only they see each service's adapter configuration.
 */
@Service
public class ServiceCatalog {
    /** Provisioning adapters that exist today; the provisioning module adds more. */
    static final Set<String> ADAPTERS = Set.of("manual");

    private final Services services;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;

    ServiceCatalog(Services services, AccountScope scope, Validation validation, AuditTrail audit, Clock clock) {
        this.services = services;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ServiceView create(Caller caller, ServiceDraft draft) {
        if (!isProviderStaff(caller)) {
            throw new RuleViolationException(403, "provider-only", "Only the provider's staff define services.");
        }
        ScopedAccount own = scope.own(caller);
        if (own.type() != AccountType.PROVIDER) {
            throw new RuleViolationException(403, "provider-only", "Only the provider's staff define services.");
        }
        caller.require(Privilege.CATALOG_MANAGE);
        List<FieldProblem> problems = new ArrayList<>();
        if (draft.adapter() != null && !ADAPTERS.contains(draft.adapter())) {
            problems.add(new FieldProblem("adapter", "is not a provisioning adapter; known: " + ADAPTERS));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; draft.resourceTypes() != null && i < draft.resourceTypes().size(); i++) {
            var type = draft.resourceTypes().get(i);
            if (type != null && type.code() != null && !seen.add(type.code())) {
                problems.add(new FieldProblem("resourceTypes[" + i + "].code", "appears twice"));
            }
        }
        validation.check(draft, problems);
        if (services.codeTaken(draft.code())) {
            throw conflict("service-code-taken", "code", "A service with this code exists.");
        }
        List<String> taken = services.resourceCodesTaken(draft.resourceTypes().stream()
                .map(ResourceTypeDraft::code).toList());
        if (!taken.isEmpty()) {
            throw conflict("resource-type-code-taken", "resourceTypes",
                    "Resource type codes are unique across services; taken: " + String.join(", ", taken) + ".");
        }
        UUID id = services.insert(draft, clock.instant());
        ServiceView created = services.find(id, true).orElseThrow();
        audit.record(new AuditRecord(caller, own.id(), own.path(), "service.created", null, created));
        return created;
    }

    public List<ServiceView> list(Caller caller) {
        return services.list(isProviderStaff(caller));
    }

    public ServiceView get(Caller caller, UUID serviceId) {
        return services.find(serviceId, isProviderStaff(caller)).orElseThrow(NotFoundException::new);
    }

    private boolean isProviderStaff(Caller caller) {
        // the provider is the root; its customer users are not its staff
        return caller.isStaff() && caller.accountPath().indexOf('.') == caller.accountPath().length() - 1;
    }

    private static RuleViolationException conflict(String rule, String field, String detail) {
        return new RuleViolationException(409, rule, detail,
                Map.of("errors", List.of(new FieldProblem(field, detail))));
    }
}
