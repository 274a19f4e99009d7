package io.cascade.catalog.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.Licences;
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
 * Services and their resource types: the provider's catalog, which every signed-in user may read (plans and usage
 * name their resource types), and the own services of resellers (ADR 0036), which only the reseller's subtree and
 * its vendors above see. The provider's staff define the catalog, a reseller's staff its own services; only the
 * staff who may define a service see its adapter configuration.
 */
@Service
public class ServiceCatalog {
    private final Services services;
    private final AdapterDirectory adapters;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;
    private final Licences licences;

    ServiceCatalog(Services services, AdapterDirectory adapters, AccountScope scope, Validation validation,
                   AuditTrail audit, Clock clock, Licences licences) {
        this.licences = licences;
        this.services = services;
        this.adapters = adapters;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ServiceView create(Caller caller, ServiceDraft draft) {
        if (!caller.isStaff()) {
            throw new RuleViolationException(Problem.PROVIDER_ONLY, "Only a vendor's staff define services.");
        }
        ScopedAccount own = scope.own(caller);
        caller.require(Privilege.CATALOG_MANAGE);
        boolean reseller = ownerOf(own);
        if (reseller) {
            licences.require(own, Feature.OWN_PRODUCTS); // a reseller's own services are licensed (ADR 0038)
        }
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> known = new java.util.TreeSet<>(reseller ? OWN_PRODUCT_ADAPTERS : adapters.adapterIds());
        if (draft.adapter() != null && !known.contains(draft.adapter())) {
            problems.add(new FieldProblem("adapter", reseller
                    ? "a reseller's own service is fulfilled by itself (manual) or its own system (http); known: "
                    + known : "is not a provisioning adapter; known: " + known));
        } else if (draft.adapter() != null) {
            configProblems(draft.adapter(), draft.adapterConfig(), draft.resourceTypes(), problems);
        }
        duplicateCodes(draft.resourceTypes(), problems);
        validation.check(draft, problems);
        if (services.codeTaken(draft.code())) {
            throw conflict(Problem.SERVICE_CODE_TAKEN, "code", "A service with this code exists.");
        }
        requireFreeCodes(draft.resourceTypes().stream().map(ResourceTypeDraft::code).toList());
        UUID id = reseller ? services.insert(draft, own.id(), own.path(), clock.instant())
                : services.insert(draft, null, null, clock.instant());
        ServiceView created = services.find(id, true).orElseThrow();
        audit.record(new AuditRecord(caller, own.id(), own.path(), "service.created", null, withoutSecrets(created)));
        return created;
    }

    /**
     * Changes a service (a JSON merge patch over {@link ServiceUpdate}): its name, its adapter's configuration, new
     * resource types, new names of existing ones. Its definer's staff only: the provider's for its catalog, the
     * owner's subtree-above for a reseller's own service (others: 404 where they cannot see it, 403 where they can).
     */
    @Transactional
    public ServiceView update(Caller caller, UUID serviceId, String ifMatch,
                              java.util.function.UnaryOperator<ServiceUpdate> changes) {
        ServiceView before = get(caller, serviceId);
        if (before.ownerPath() == null ? !isProviderStaff(caller) : !caller.covers(before.ownerPath())) {
            throw new RuleViolationException(Problem.PROVIDER_ONLY, before.ownerPath() == null
                    ? "Only the provider's staff change the provider's services."
                    : "Only the reseller that owns this service, or a vendor above it, changes it.");
        }
        caller.require(Privilege.CATALOG_MANAGE);
        io.cascade.shared.Etags.checkIfMatch(ifMatch, before.version());
        ServiceView current = services.find(serviceId, true).orElseThrow();
        ServiceUpdate changed = changes.apply(new ServiceUpdate(current.name(), current.adapterConfig(),
                current.resourceTypes().stream().map(t -> new ResourceTypeDraft(t.code(), t.name(), t.unit(),
                        t.metered())).toList()));
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, ResourceTypeView> existing = new java.util.LinkedHashMap<>();
        current.resourceTypes().forEach(t -> existing.put(t.code(), t));
        List<ResourceTypeDraft> added = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        for (int i = 0; changed.resourceTypes() != null && i < changed.resourceTypes().size(); i++) {
            ResourceTypeDraft type = changed.resourceTypes().get(i);
            if (type == null || type.code() == null) {
                continue;
            }
            ResourceTypeView old = existing.get(type.code());
            if (old == null) {
                added.add(type);
                continue;
            }
            kept.add(type.code());
            if (type.unit() != null && !type.unit().equals(old.unit())) {
                problems.add(new FieldProblem("resourceTypes[" + i + "].unit",
                        "cannot change: plans and subscriptions count " + old.code() + " in " + old.unit()));
            }
            if (type.meteredOrDefault() != old.metered()) {
                problems.add(new FieldProblem("resourceTypes[" + i + "].metered",
                        "cannot change: whether usage is reported for a resource type is fixed"));
            }
        }
        if (changed.resourceTypes() != null && !kept.containsAll(existing.keySet())) {
            List<String> missing = existing.keySet().stream().filter(c -> !kept.contains(c)).sorted().toList();
            problems.add(new FieldProblem("resourceTypes",
                    "a resource type is never removed (plans and usage name it); missing: " + String.join(", ",
                            missing)));
        }
        configProblems(current.adapter(), changed.adapterConfig(), changed.resourceTypes(), problems);
        duplicateCodes(changed.resourceTypes(), problems);
        validation.check(changed, problems);
        requireFreeCodes(added.stream().map(ResourceTypeDraft::code).toList());
        if (!services.update(serviceId, before.version(), changed.name(), changed.adapterConfig())) {
            throw new io.cascade.shared.PreconditionFailedException();
        }
        for (ResourceTypeDraft type : changed.resourceTypes()) {
            ResourceTypeView old = existing.get(type.code());
            if (old == null) {
                services.insertResourceType(serviceId, type);
            } else if (!old.name().equals(type.name())) {
                services.renameResourceType(serviceId, type.code(), type.name());
            }
        }
        ServiceView after = services.find(serviceId, true).orElseThrow();
        ScopedAccount target = after.ownerId() == null ? scope.own(caller) : scope.require(caller, after.ownerId());
        audit.record(new AuditRecord(caller, target.id(), target.path(), "service.updated", withoutSecrets(current),
                withoutSecrets(after)));
        return shown(caller, after);
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

    /**
     * The services the caller sees: the provider's catalog, and the own services of the resellers whose subtree the
     * caller's account lies in or that lie in the caller's scope. Nobody else learns that a reseller's service exists.
     */
    public List<ServiceView> list(Caller caller) {
        return services.list(true).stream().filter(s -> visible(caller, s)).map(s -> shown(caller, s)).toList();
    }

    public ServiceView get(Caller caller, UUID serviceId) {
        return services.find(serviceId, true).filter(s -> visible(caller, s)).map(s -> shown(caller, s))
                .orElseThrow(NotFoundException::new);
    }

    /** Adapters a reseller's own service may use: fulfilled by itself, or by its own system over HTTP (ADR 0036). */
    private static final Set<String> OWN_PRODUCT_ADAPTERS = Set.of("manual", "http");

    /**
     * The provider's catalog: everybody. A reseller's own service: whoever covers the reseller (it and its vendors
     * above), and the staff of the accounts below it (its customers buy plans built on it); a customer user works for
     * some customers only and sees none beyond what it covers.
     */
    private static boolean visible(Caller caller, ServiceView service) {
        return service.ownerPath() == null || caller.covers(service.ownerPath())
                || (caller.isStaff() && caller.accountPath().startsWith(service.ownerPath()));
    }

    /** The adapter configuration goes to the staff who may define the service only. */
    private ServiceView shown(Caller caller, ServiceView service) {
        boolean definer = service.ownerPath() == null ? isProviderStaff(caller)
                : caller.isStaff() && caller.covers(service.ownerPath());
        return definer ? service : service.withConfig(null);
    }

    /** A provider's staff define the platform's catalog; a reseller's its own services; a customer none. */
    private boolean ownerOf(ScopedAccount own) {
        return switch (own.type()) {
            case PROVIDER -> false;
            case RESELLER -> true;
            case CUSTOMER -> throw RuleViolationException.unprocessable(Problem.VENDOR_CANNOT_SELL,
                    "A customer account sells nothing and defines no services.");
        };
    }

    private void configProblems(String adapter, Map<String, Object> config, List<ResourceTypeDraft> resourceTypes,
                                List<FieldProblem> problems) {
        adapters.checkConfig(adapter, config == null ? Map.of() : config)
                .forEach(p -> problems.add(new FieldProblem("adapterConfig." + p.field(), p.message())));
        // a setting that names a resource type (e.g. mailboxResourceType) names one of this service's own
        Set<String> codes = resourceTypes == null ? Set.of() : resourceTypes.stream()
                .filter(java.util.Objects::nonNull).map(ResourceTypeDraft::code).collect(
                        java.util.stream.Collectors.toSet());
        Set<String> metered = resourceTypes == null ? Set.of() : resourceTypes.stream()
                .filter(java.util.Objects::nonNull).filter(ResourceTypeDraft::meteredOrDefault)
                .map(ResourceTypeDraft::code).collect(java.util.stream.Collectors.toSet());
        Set<String> usageSettings = adapters.meteredTypeSettings(adapter);
        if (config != null) {
            config.forEach((key, value) -> {
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

    private static void duplicateCodes(List<ResourceTypeDraft> types, List<FieldProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; types != null && i < types.size(); i++) {
            var type = types.get(i);
            if (type != null && type.code() != null && !seen.add(type.code())) {
                problems.add(new FieldProblem("resourceTypes[" + i + "].code", "appears twice"));
            }
        }
    }

    /** Resource type codes are platform-wide (plans, usage and invoices name them): a taken one answers 409. */
    private void requireFreeCodes(List<String> codes) {
        if (codes.isEmpty()) {
            return;
        }
        List<String> taken = services.resourceCodesTaken(codes);
        if (!taken.isEmpty()) {
            throw conflict(Problem.RESOURCE_TYPE_CODE_TAKEN, "resourceTypes",
                    "Resource type codes are unique across services; taken: " + String.join(", ", taken) + ".");
        }
    }

    /** The audit log never holds an adapter's secrets: values of keys naming a secret, password or token are masked. */
    private static ServiceView withoutSecrets(ServiceView view) {
        if (view.adapterConfig() == null) {
            return view;
        }
        Map<String, Object> masked = new java.util.LinkedHashMap<>();
        view.adapterConfig().forEach((key, value) -> masked.put(key,
                key.toLowerCase(java.util.Locale.ROOT).matches(".*(secret|password|token|key).*") ? "***" : value));
        return view.withConfig(masked);
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
