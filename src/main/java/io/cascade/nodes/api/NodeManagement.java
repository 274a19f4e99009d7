package io.cascade.nodes.api;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.catalog.api.ResourceTypeView;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceView;
import io.cascade.nodes.internal.NodeChoice;
import io.cascade.nodes.internal.Nodes;
import io.cascade.nodes.internal.Placements;
import io.cascade.nodes.internal.Probes;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Cursors;
import io.cascade.shared.Etags;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.NotFoundException;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The registry of the provider's service nodes, for the provider's staff only: anybody else is refused a list or a
 * new node (403 {@code provider-only}) and finds no node by id (404, as for anything outside its subtree). Reading
 * takes {@code CATALOG_READ}, changing {@code CATALOG_MANAGE}. Every change is audited on the provider's account.
 */
@Service
public class NodeManagement {
    private final Nodes nodes;
    private final Placements placements;
    private final Probes probes;
    private final NodeMoves moves;
    private final ServiceCatalog catalog;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;

    NodeManagement(Nodes nodes, Placements placements, Probes probes, NodeMoves moves, ServiceCatalog catalog,
                   AccountScope scope, Validation validation, AuditTrail audit, Clock clock) {
        this.nodes = nodes;
        this.placements = placements;
        this.probes = probes;
        this.moves = moves;
        this.catalog = catalog;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public NodeView create(Caller caller, NodeDraft request) {
        ScopedAccount provider = providerOnly(caller);
        caller.require(Privilege.CATALOG_MANAGE);
        NodeDraft draft = request.withDefaults();
        check(draft, null);
        UUID id = UUID.randomUUID();
        nodes.insert(id, draft, clock.instant());
        NodeView created = nodes.find(id).orElseThrow().node();
        audit.record(new AuditRecord(caller, provider.id(), provider.path(), "node.created", null, created));
        return created;
    }

    public Page<NodeView> list(Caller caller, NodeState state, UUID serviceId, Integer limit, String cursor) {
        providerOnly(caller);
        caller.require(Privilege.CATALOG_READ);
        int size = Cursors.limit(limit);
        String after = Cursors.decode("node", cursor);
        String afterName = null;
        UUID afterId = null;
        if (after != null) {
            int bar = after.lastIndexOf('|');
            try {
                afterName = after.substring(0, bar);
                afterId = UUID.fromString(after.substring(bar + 1));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new InvalidInputException("cursor", "is not a cursor of this list");
            }
        }
        List<NodeView> found = nodes.list(state, serviceId, afterName, afterId, size + 1).stream()
                .map(Nodes.Row::node).toList();
        List<NodeView> page = found.stream().limit(size).toList();
        String next = found.size() > size ? Cursors.encode("node", page.get(size - 1).name() + "|"
                + page.get(size - 1).id()) : null;
        return new Page<>(page, next);
    }

    public NodeView get(Caller caller, UUID nodeId) {
        return visible(caller, nodeId);
    }

    /** The nodes that are DOWN, for the provider's staff (the panel's notice); empty for anybody else. */
    public List<NodeView> down(Caller caller) {
        if (!isProviderStaff(caller) || !caller.has(Privilege.CATALOG_READ)) {
            return List.of();
        }
        return nodes.list(NodeState.DOWN, null, null, null, 50).stream().map(Nodes.Row::node).toList();
    }

    @Transactional
    public NodeView update(Caller caller, UUID nodeId, String ifMatch, UnaryOperator<NodeDraft> change) {
        ScopedAccount provider = providerOnly(caller, nodeId);
        caller.require(Privilege.CATALOG_MANAGE);
        NodeView before = nodes.lock(nodeId).orElseThrow(NotFoundException::new).node();
        Etags.checkIfMatch(ifMatch, before.version());
        notRetired(before);
        NodeDraft draft = change.apply(NodeDraft.of(before)).withDefaults();
        check(draft, before);
        nodes.update(nodeId, draft, clock.instant());
        NodeView after = nodes.find(nodeId).orElseThrow().node();
        audit.record(new AuditRecord(caller, provider.id(), provider.path(), "node.updated", before, after));
        return after;
    }

    /**
     * Checks that the caller may change the nodes and what moves between them (provisioning asks before it cancels a
     * {@code MOVE}): the provider's staff with {@code CATALOG_MANAGE}. Anybody else finds no such thing (404), as for a
     * node by id; the provider's staff without the privilege are refused (403).
     */
    public void requireManager(Caller caller) {
        providerOnly(caller, null);
        caller.require(Privilege.CATALOG_MANAGE);
    }

    /** Takes no new placements from now on; what is on it stays until it is moved. */
    @Transactional
    public NodeView drain(Caller caller, UUID nodeId) {
        return choose(caller, nodeId, NodeState.DRAINING, "node.drained");
    }

    /** Takes new placements again (a DOWN node: once it is back). */
    @Transactional
    public NodeView activate(Caller caller, UUID nodeId) {
        return choose(caller, nodeId, NodeState.ACTIVE, "node.activated");
    }

    /** Out of service for good, once nothing is placed on it any more (409 {@code node-has-placements}). */
    @Transactional
    public NodeView retire(Caller caller, UUID nodeId) {
        return choose(caller, nodeId, NodeState.RETIRED, "node.retired");
    }

    private NodeView choose(Caller caller, UUID nodeId, NodeState chosen, String action) {
        ScopedAccount provider = providerOnly(caller, nodeId);
        caller.require(Privilege.CATALOG_MANAGE);
        NodeView before = nodes.lock(nodeId).orElseThrow(NotFoundException::new).node();
        notRetired(before);
        if (chosen == NodeState.RETIRED && !placements.onNode(nodeId, null, 1).isEmpty()) {
            throw new RuleViolationException(Problem.NODE_HAS_PLACEMENTS, "Resources are still placed on this node ("
                    + before.placements() + "): drain it and move them first.",
                    Map.of("placements", before.placements()));
        }
        nodes.choose(nodeId, chosen, clock.instant());
        NodeView after = nodes.find(nodeId).orElseThrow().node();
        audit.record(new AuditRecord(caller, provider.id(), provider.path(), action,
                Map.of("state", before.state()), Map.of("state", after.state(), "nodeId", nodeId)));
        return after;
    }

    /**
     * Requests a move for every resource on a DRAINING or DOWN node that is not being moved yet: each goes to the
     * least loaded other ACTIVE node of its service with room, by a provisioning task ({@code MOVE}) of its own. All
     * or nothing: when one has nowhere to go, nothing is requested (409 {@code node-capacity-exhausted}).
     */
    @Transactional
    public List<PlacementView> requestMoves(Caller caller, UUID nodeId) {
        ScopedAccount provider = providerOnly(caller, nodeId);
        caller.require(Privilege.CATALOG_MANAGE);
        NodeView from = nodes.lock(nodeId).orElseThrow(NotFoundException::new).node();
        notRetired(from);
        if (from.state() != NodeState.DRAINING && from.state() != NodeState.DOWN) {
            throw RuleViolationException.conflict(Problem.NODE_NOT_DRAINING,
                    "Moves are requested for a DRAINING or DOWN node; drain this one first.");
        }
        List<PlacementView> open = placements.toMove(nodeId);
        Map<UUID, List<NodeView>> candidates = new HashMap<>();
        Map<UUID, Map<String, BigDecimal>> promised = new HashMap<>();
        Map<UUID, NodeView> targetOf = new HashMap<>();
        List<NodeMoves.Move> requested = new ArrayList<>();
        for (PlacementView placement : open) {
            NodeView to;
            if (placement.parentSubjectId() != null) {
                to = targetOf.get(placement.parentSubjectId());
                if (to == null) {
                    Optional<UUID> parentTarget = placements.find(placement.parentSubjectId())
                            .map(p -> p.targetNodeId() != null ? p.targetNodeId() : p.nodeId());
                    to = parentTarget.filter(id -> !id.equals(nodeId)).flatMap(nodes::find).map(Nodes.Row::node)
                            .orElse(null);
                }
            } else {
                List<NodeView> others = candidates.computeIfAbsent(placement.serviceId(),
                        service -> nodes.lockOfService(service).stream().map(Nodes.Row::node)
                                .filter(n -> !n.id().equals(nodeId)).toList());
                to = NodeChoice.leastLoaded(others, placement.units(), promised).orElse(null);
            }
            if (to == null) {
                throw NodePlacements.full(placement.serviceId(), placement.units(), 1 + candidates
                        .getOrDefault(placement.serviceId(), List.of()).size());
            }
            NodeView target = to;
            targetOf.put(placement.subjectId(), target);
            placement.units().forEach((code, quantity) -> promised.computeIfAbsent(target.id(), k -> new HashMap<>())
                    .merge(code, quantity, BigDecimal::add));
            requested.add(new NodeMoves.Move(placement, from, target));
        }
        for (NodeMoves.Move move : requested) {
            placements.startMove(move.placement().subjectId(), move.to().id());
        }
        List<UUID> tasks = requested.isEmpty() ? List.of() : moves.request(caller, requested);
        for (int i = 0; i < tasks.size(); i++) {
            placements.moveTask(requested.get(i).placement().subjectId(), tasks.get(i));
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("nodeId", nodeId);
        after.put("moves", requested.stream().map(m -> Map.of("subjectId", m.placement().subjectId(),
                "toNodeId", m.to().id())).toList());
        audit.record(new AuditRecord(caller, provider.id(), provider.path(), "node.moves-requested", null, after));
        return requested.stream().map(m -> placements.find(m.placement().subjectId()).orElse(m.placement())).toList();
    }

    public Page<PlacementView> placements(Caller caller, UUID nodeId, Integer limit, String cursor) {
        visible(caller, nodeId);
        int size = Cursors.limit(limit);
        String after = Cursors.decode("node-placement", cursor);
        UUID afterId;
        try {
            afterId = after == null ? null : UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<PlacementView> found = placements.onNode(nodeId, afterId, size + 1);
        List<PlacementView> page = found.stream().limit(size).toList();
        return new Page<>(page, found.size() > size ? Cursors.encode("node-placement",
                page.get(size - 1).subjectId().toString()) : null);
    }

    /** A node's health history, newest first (the last {@code 100} probes are kept). */
    public Page<ProbeView> probes(Caller caller, UUID nodeId, Integer limit, String cursor) {
        visible(caller, nodeId);
        int size = Cursors.limit(limit);
        String after = Cursors.decode("node-probe", cursor);
        Long before;
        try {
            before = after == null ? null : Long.valueOf(after);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
        List<ProbeView> found = probes.of(nodeId, before, size + 1);
        List<ProbeView> page = found.stream().limit(size).toList();
        return new Page<>(page, found.size() > size ? Cursors.encode("node-probe",
                String.valueOf(page.get(size - 1).id())) : null);
    }

    // ---------------------------------------------------------------------------------------------------- rules

    private void check(NodeDraft draft, NodeView current) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>();
        if (draft.services() != null) {
            Set<UUID> seen = new java.util.HashSet<>();
            for (int i = 0; i < draft.services().size(); i++) {
                UUID id = draft.services().get(i);
                if (id == null) {
                    continue;
                }
                Optional<ServiceView> service = catalog.settings(id);
                if (service.isEmpty()) {
                    problems.add(new FieldProblem("services[" + i + "]", "is not a service of the catalog"));
                } else if (!seen.add(id)) {
                    problems.add(new FieldProblem("services[" + i + "]", "appears twice"));
                } else {
                    service.get().resourceTypes().stream().map(ResourceTypeView::code).forEach(codes::add);
                }
            }
        }
        if (draft.capacity() != null) {
            draft.capacity().keySet().stream().sorted().filter(code -> !codes.contains(code)).forEach(code ->
                    problems.add(new FieldProblem("capacity." + code,
                            "is not a resource type of the node's services")));
        }
        if (draft.healthCheck() == HealthCheck.HTTP) {
            String problem = httpUrlProblem(draft.healthUrl());
            if (problem != null) {
                problems.add(new FieldProblem("healthUrl", problem));
            }
        } else if (draft.healthCheck() == HealthCheck.TCP && draft.healthPort() == null) {
            problems.add(new FieldProblem("healthPort", "is needed for a TCP check: the port that must accept a "
                    + "connection"));
        }
        if (draft.address() != null && !draft.address().isBlank()
                && !draft.address().strip().matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            problems.add(new FieldProblem("address", "must be a host name or an IP address"));
        }
        if (current != null && draft.services() != null) {
            // a service whose resources are on the node stays hosted until they are moved
            List<UUID> kept = draft.services();
            for (UUID service : current.services()) {
                if (!kept.contains(service) && placements.onNode(current.id(), null, Integer.MAX_VALUE).stream()
                        .anyMatch(p -> p.serviceId().equals(service))) {
                    problems.add(new FieldProblem("services", "must keep service " + service
                            + ": resources of it are on this node; move them first"));
                }
            }
        }
        validation.check(draft, problems);
        if (nodes.nameTaken(draft.name(), current == null ? null : current.id())) {
            throw new RuleViolationException(Problem.NODE_NAME_TAKEN, "Another service node has this name.",
                    Map.of("errors", List.of(new FieldProblem("name", "is the name of another node"))));
        }
    }

    private static String httpUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "is needed for an HTTP check: the URL probed with GET";
        }
        try {
            URI uri = new URI(url);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null || uri.getUserInfo() != null) {
                return "must be an absolute http or https URL without credentials";
            }
            return null;
        } catch (URISyntaxException e) {
            return "must be an absolute http or https URL without credentials";
        }
    }

    private static void notRetired(NodeView node) {
        if (node.state() == NodeState.RETIRED) {
            throw RuleViolationException.conflict(Problem.NODE_RETIRED, "The node is retired; it changes no more.");
        }
    }

    /** The node, for the provider's staff with CATALOG_READ; 404 for anybody else, as outside their subtree. */
    private NodeView visible(Caller caller, UUID nodeId) {
        providerOnly(caller, nodeId);
        caller.require(Privilege.CATALOG_READ);
        return nodes.find(nodeId).orElseThrow(NotFoundException::new).node();
    }

    /** The provider's account, for its staff; 403 {@code provider-only} for anybody else (lists, new nodes). */
    private ScopedAccount providerOnly(Caller caller) {
        if (!isProviderStaff(caller)) {
            throw new RuleViolationException(Problem.PROVIDER_ONLY, "Only the provider's staff manage service nodes.");
        }
        return scope.own(caller);
    }

    /** The same for a node by id: anybody else finds no node (404). */
    private ScopedAccount providerOnly(Caller caller, UUID nodeId) {
        if (!isProviderStaff(caller)) {
            throw new NotFoundException();
        }
        return scope.own(caller);
    }

    private static boolean isProviderStaff(Caller caller) {
        // the provider is the root; its customer users are not its staff, nor is staff acting for an account below
        return caller.isStaff() && caller.accountPath().indexOf('.') == caller.accountPath().length() - 1;
    }
}
