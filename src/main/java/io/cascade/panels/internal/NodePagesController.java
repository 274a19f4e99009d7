package io.cascade.panels.internal;

import io.cascade.catalog.api.ResourceTypeView;
import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceView;
import io.cascade.nodes.api.NodeDraft;
import io.cascade.nodes.api.NodeManagement;
import io.cascade.nodes.api.NodeView;
import io.cascade.platform.api.ProblemStatuses;
import io.cascade.provisioning.api.ProvisioningTasks;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.InvalidInputException;
import io.cascade.shared.Privilege;
import io.cascade.shared.RuleViolationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The provider's service nodes (ADR 0040) through {@code NodeManagement}: the list with a capacity bar per resource
 * type and the health of the last probe, a node's page with what is placed on it and its health history, and the
 * node's actions (drain, activate, move what is on it, cancel a move that failed or waits, retire); the forms that
 * register a node and change it (the version it showed is sent as If-Match, so a change in between is reported and
 * nothing is overwritten). The dashboard loads the notice of DOWN nodes from here. The services decide who may see
 * and change nodes (the provider's staff) and audit every change.
 */
@Controller
class NodePagesController {
    private final NodeManagement nodes;
    private final ServiceCatalog catalog;
    private final ProvisioningTasks tasks;

    NodePagesController(NodeManagement nodes, ServiceCatalog catalog, ProvisioningTasks tasks) {
        this.nodes = nodes;
        this.catalog = catalog;
        this.tasks = tasks;
    }

    @GetMapping("/panel/nodes")
    String list(Viewer viewer, Model model) {
        Caller caller = viewer.caller();
        model.addAttribute("nodes", nodes.list(caller, null, null, 500, null).items());
        model.addAttribute("serviceNames", serviceNames(caller));
        return "panel/nodes";
    }

    @GetMapping("/panel/nodes/{nodeId}")
    String node(Viewer viewer, @PathVariable UUID nodeId, Model model) {
        Caller caller = viewer.caller();
        NodeView node = nodes.get(caller, nodeId);
        model.addAttribute("node", node);
        model.addAttribute("placements", nodes.placements(caller, nodeId, 200, null).items());
        model.addAttribute("probes", nodes.probes(caller, nodeId, 50, null).items());
        model.addAttribute("serviceNames", serviceNames(caller));
        return "panel/node";
    }

    /** The dashboard's notice of the nodes that are DOWN (nothing for anybody but the provider's staff). */
    @GetMapping("/panel/nodes/down-notice")
    String downNotice(Viewer viewer, Model model) {
        model.addAttribute("down", nodes.down(viewer.caller()));
        return "panel/node-parts :: down";
    }

    @PostMapping("/panel/nodes/{nodeId}/drain")
    String drain(Viewer viewer, @PathVariable UUID nodeId, RedirectAttributes redirect) {
        return act(viewer, nodeId, redirect, nodes::drain, "The node is draining: it takes no new resources.");
    }

    @PostMapping("/panel/nodes/{nodeId}/activate")
    String activate(Viewer viewer, @PathVariable UUID nodeId, RedirectAttributes redirect) {
        return act(viewer, nodeId, redirect, nodes::activate, "The node takes new resources again.");
    }

    @PostMapping("/panel/nodes/{nodeId}/retire")
    String retire(Viewer viewer, @PathVariable UUID nodeId, RedirectAttributes redirect) {
        return act(viewer, nodeId, redirect, nodes::retire, "The node is retired.");
    }

    @PostMapping("/panel/nodes/{nodeId}/moves")
    String moves(Viewer viewer, @PathVariable UUID nodeId, RedirectAttributes redirect) {
        try {
            int moves = nodes.requestMoves(viewer.caller(), nodeId).size();
            redirect.addFlashAttribute("notice", moves == 0 ? "Nothing is left to move."
                    : moves + " move task(s) requested; the placements show where each resource goes.");
        } catch (RuleViolationException | ForbiddenException e) {
            redirect.addFlashAttribute("notice", e.getMessage());
        }
        return "redirect:/panel/nodes/" + nodeId;
    }

    @PostMapping("/panel/nodes/{nodeId}/moves/{taskId}/cancel")
    String cancelMove(Viewer viewer, @PathVariable UUID nodeId, @PathVariable UUID taskId,
                      RedirectAttributes redirect) {
        try {
            tasks.cancel(viewer.caller(), taskId);
            redirect.addFlashAttribute("notice", "The move is cancelled: the resource stays on its node.");
        } catch (RuleViolationException | ForbiddenException e) {
            redirect.addFlashAttribute("notice", e.getMessage());
        }
        return "redirect:/panel/nodes/" + nodeId;
    }

    // ---- the form that registers a node and changes it ---------------------------------------------------------

    @GetMapping("/panel/nodes/new")
    String newNode(Viewer viewer, Model model) {
        nodes.requireManager(viewer.caller());
        return nodeForm(viewer, model, null, new NodeForm(null, null, List.of(), List.of(), List.of(), "HTTP", null,
                null, String.valueOf(NodeDraft.DEFAULT_INTERVAL_SECONDS), String.valueOf(NodeDraft.DEFAULT_TIMEOUT_MS),
                String.valueOf(NodeDraft.DEFAULT_FAIL_AFTER), null), null);
    }

    @PostMapping("/panel/nodes/new")
    String createNode(Viewer viewer, NodeForm form, Model model, HttpServletResponse response,
                      RedirectAttributes redirect) {
        try {
            NodeView created = nodes.create(viewer.caller(), form.draft());
            redirect.addFlashAttribute("notice", "Registered the node " + created.name()
                    + "; it is ACTIVE and probed from now on.");
            return "redirect:/panel/nodes/" + created.id();
        } catch (InvalidInputException | RuleViolationException e) {
            return nodeForm(viewer, model, null, form, refused(e, response));
        }
    }

    @GetMapping("/panel/nodes/{nodeId}/edit")
    String editNode(Viewer viewer, @PathVariable UUID nodeId, Model model) {
        NodeView node = nodes.get(viewer.caller(), nodeId);
        viewer.caller().require(Privilege.CATALOG_MANAGE);
        return nodeForm(viewer, model, node, NodeForm.of(node), null);
    }

    @PostMapping("/panel/nodes/{nodeId}/edit")
    String updateNode(Viewer viewer, @PathVariable UUID nodeId, NodeForm form, Model model,
                      HttpServletResponse response, RedirectAttributes redirect) {
        NodeView node = nodes.get(viewer.caller(), nodeId);
        String ifMatch = form.version() == null || !form.version().matches("\\d{1,18}") ? null
                : Etags.of(Long.parseLong(form.version()));
        try {
            NodeDraft draft = form.draft();
            NodeView after = nodes.update(viewer.caller(), nodeId, ifMatch, current -> draft);
            redirect.addFlashAttribute("notice", "Saved the node " + after.name() + ".");
            return "redirect:/panel/nodes/" + nodeId;
        } catch (InvalidInputException | RuleViolationException e) {
            return nodeForm(viewer, model, node, form, refused(e, response));
        }
    }

    private String nodeForm(Viewer viewer, Model model, NodeView node, NodeForm form, RuntimeException refusal) {
        List<ServiceView> services = catalog.list(viewer.caller());
        // one capacity input per resource type of the services, in the services' order
        Map<String, String> types = new LinkedHashMap<>();
        for (ServiceView service : services) {
            for (ResourceTypeView type : service.resourceTypes()) {
                types.putIfAbsent(type.code(), service.name() + ": " + type.name() + " (" + type.unit() + ")");
            }
        }
        List<String> fields = new ArrayList<>(List.of("name", "address", "services", "healthCheck", "healthUrl",
                "healthPort", "probeIntervalSeconds", "probeTimeoutMs", "failAfter"));
        types.keySet().forEach(code -> fields.add("capacity." + code));
        FormErrors errors = new FormErrors(fields);
        if (refusal instanceof InvalidInputException invalid) {
            // the API's names of a map entry (capacity[mailbox].<map value>) and a list item (services[0])
            invalid.problems().forEach(p -> errors.add(p.field()
                    .replaceFirst("^capacity\\[(.*)]\\.<map value>$", "capacity.$1")
                    .replaceFirst("^services\\[\\d+]$", "services"), p.message()));
        } else if (refusal != null) {
            errors.from(refusal);
        }
        model.addAttribute("node", node);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("services", services);
        model.addAttribute("types", types);
        return "panel/node-form";
    }

    private static RuntimeException refused(RuntimeException e, HttpServletResponse response) {
        response.setStatus(e instanceof RuleViolationException rule ? ProblemStatuses.of(rule).value() : 422);
        return e;
    }

    private String act(Viewer viewer, UUID nodeId, RedirectAttributes redirect,
                       BiFunction<Caller, UUID, NodeView> action, String done) {
        try {
            action.apply(viewer.caller(), nodeId);
            redirect.addFlashAttribute("notice", done);
        } catch (RuleViolationException | ForbiddenException e) {
            redirect.addFlashAttribute("notice", e.getMessage());
        }
        return "redirect:/panel/nodes/" + nodeId;
    }

    private Map<UUID, String> serviceNames(Caller caller) {
        return catalog.list(caller).stream().collect(Collectors.toMap(ServiceView::id, ServiceView::name,
                (a, b) -> a, TreeMap::new));
    }
}
