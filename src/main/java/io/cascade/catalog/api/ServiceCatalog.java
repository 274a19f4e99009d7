package io.cascade.catalog.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.catalog.internal.Services;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The provider's services and their resource types. Every signed-in user may read them (plans and usage name their
 * resource types); only the provider's staff define them, and only they see each service's adapter configuration.
 */
@Service
public class ServiceCatalog {
    private final Services services;
    private final AdapterDirectory adapters;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;

    ServiceCatalog(Services services, AdapterDirectory adapters, AccountScope scope, Validation validation,
                   AuditTrail audit, Clock clock) {
        this.services = services;
        this.adapters = adapters;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ServiceView create(Caller caller, ServiceDraft draft) {
        if (!isProviderStaff(caller)) {
            throw new RuleViolationException(Problem.PROVIDER_ONLY, "Only the provider's staff define services.");
        }
        ScopedAccount own = scope.own(caller);
        if (own.type() != AccountType.PROVIDER) {
            throw new RuleViolationException(Problem.PROVIDER_ONLY, "Only the provider's staff define services.");
        }
        caller.require(Privilege.CATALOG_MANAGE);
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> known = new java.util.TreeSet<>(adapters.adapterIds());
        if (draft.adapter() != null && !known.contains(draft.adapter())) {
            problems.add(new FieldProblem("adapter", "is not a provisioning adapter; known: " + known));
        } else if (draft.adapter() != null) {
            adapters.checkConfig(draft.adapter(), draft.adapterConfig() == null ? Map.of() : draft.adapterConfig())
                    .forEach(p -> problems.add(new FieldProblem("adapterConfig." + p.field(), p.message())));
            // a setting that names a resource type (e.g. mailboxResourceType) names one of this service's own
            Set<String> codes = draft.resourceTypes() == null ? Set.of() : draft.resourceTypes().stream()
                    .filter(java.util.Objects::nonNull).map(ResourceTypeDraft::code).collect(
                            java.util.stream.Collectors.toSet());
            Set<String> metered = draft.resourceTypes() == null ? Set.of() : draft.resourceTypes().stream()
                    .filter(java.util.Objects::nonNull).filter(ResourceTypeDraft::meteredOrDefault)
                    .map(ResourceTypeDraft::code).collect(java.util.stream.Collectors.toSet());
            Set<String> usageSettings = adapters.meteredTypeSettings(draft.adapter());
            if (draft.adapterConfig() != null) {
                draft.adapterConfig().forEach((key, value) -> {
                    if (key.endsWith("ResourceType") && value instanceof String code && !code.isBlank()
                            && !codes.contains(code)) {
                        problems.add(new FieldProblem("adapterConfig." + key,
                                "must be the code of one of the service's resource types"));
                    } else if (usageSettings.contains(key) && value instanceof String code && codes.contains(code)
                            && !metered.contains(code)) {
                        problems.add(new FieldProblem("adapterConfig." + key,
                                "must name a metered resource type: usage is recorded as it"));
                    }
                });
            }
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
            throw conflict(Problem.SERVICE_CODE_TAKEN, "code", "A service with this code exists.");
        }
        List<String> taken = services.resourceCodesTaken(draft.resourceTypes().stream()
                .map(ResourceTypeDraft::code).toList());
        if (!taken.isEmpty()) {
            throw conflict(Problem.RESOURCE_TYPE_CODE_TAKEN, "resourceTypes",
                    "Resource type codes are unique across services; taken: " + String.join(", ", taken) + ".");
        }
        UUID id = services.insert(draft, clock.instant());
        ServiceView created = services.find(id, true).orElseThrow();
        audit.record(new AuditRecord(caller, own.id(), own.path(), "service.created", null, withoutSecrets(created)));
        return created;
    }

    /**
     * A service's adapter and configuration (with its secrets), WITHOUT a scope check: for the provisioning module,
     * which runs tasks for services that subscriptions already name. Never answer it to a client.
     */
    public Optional<ServiceView> settings(UUID serviceId) {
        return services.find(serviceId, true);
    }

    /** Every service with its adapter configuration, WITHOUT a scope check (platform jobs only). */
    public List<ServiceView> allSettings() {
        return services.list(true);
    }

    /** The same by service code. */
    public Optional<ServiceView> settingsByCode(String code) {
        return services.list(true).stream().filter(s -> s.code().equals(code)).findFirst();
    }

    public List<ServiceView> list(Caller caller) {
        return services.list(isProviderStaff(caller));
    }

    public ServiceView get(Caller caller, UUID serviceId) {
        return services.find(serviceId, isProviderStaff(caller)).orElseThrow(NotFoundException::new);
    }

    /** The audit log never holds an adapter's secrets: values of keys naming a secret, password or token are masked. */
    private static ServiceView withoutSecrets(ServiceView view) {
        if (view.adapterConfig() == null) {
            return view;
        }
        Map<String, Object> masked = new java.util.LinkedHashMap<>();
        view.adapterConfig().forEach((key, value) -> masked.put(key,
                key.toLowerCase(java.util.Locale.ROOT).matches(".*(secret|password|token|key).*") ? "***" : value));
        return new ServiceView(view.id(), view.code(), view.name(), view.adapter(), masked, view.resourceTypes(),
                view.createdAt());
    }

    private boolean isProviderStaff(Caller caller) {
        // the provider is the root; its customer users are not its staff
        return caller.isStaff() && caller.accountPath().indexOf('.') == caller.accountPath().length() - 1;
    }

    private static RuleViolationException conflict(Problem problem, String field, String detail) {
        return new RuleViolationException(problem, detail,
                Map.of("errors", List.of(new FieldProblem(field, detail))));
    }
}
