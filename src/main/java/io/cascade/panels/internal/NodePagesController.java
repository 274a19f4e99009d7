package io.cascade.panels.internal;

import io.cascade.catalog.api.ServiceCatalog;
import io.cascade.catalog.api.ServiceView;
import io.cascade.nodes.api.NodeManagement;
import io.cascade.nodes.api.NodeView;
import io.cascade.shared.Caller;
import io.cascade.shared.ForbiddenException;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The provider's service nodes (ADR 0040) through {@code NodeManagement}: the list with a capacity bar per resource
 * type and the health of the last probe, a node's page with what is placed on it and its health history, and the
 * node's actions (drain, activate, move what is on it, retire). The dashboard loads the notice of DOWN nodes from
 * here. The service decides who may see and change nodes (the provider's staff) and audits every change.
 */
@Controller
class NodePagesController {
    private final NodeManagement nodes;
    private final ServiceCatalog catalog;

    NodePagesController(NodeManagement nodes, ServiceCatalog catalog) {
        this.nodes = nodes;
        this.catalog = catalog;
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
