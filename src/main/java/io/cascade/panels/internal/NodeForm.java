package io.cascade.panels.internal;

import io.cascade.nodes.api.HealthCheck;
import io.cascade.nodes.api.NodeDraft;
import io.cascade.nodes.api.NodeView;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The panel's form of a service node, to register one and to change it ({@link NodePagesController}). A node as the
 * form sends it: the services' boxes ({@code services}), one capacity input per resource type of
 * the services ({@code capacityCode} names the type of the {@code capacityValue} at the same place; empty: not
 * limited), the probe settings, and on a change the version the form showed.
 */
record NodeForm(String name, String address, List<String> services, List<String> capacityCode,
                List<String> capacityValue, String healthCheck, String healthUrl, String healthPort,
                String probeIntervalSeconds, String probeTimeoutMs, String failAfter, String version) {

    static NodeForm of(NodeView node) {
        List<String> codes = new ArrayList<>(node.capacity().keySet());
        return new NodeForm(node.name(), node.address(), node.services().stream().map(UUID::toString).toList(),
                codes, codes.stream().map(code -> String.valueOf(node.capacity().get(code))).toList(),
                node.healthCheck().name(), node.healthUrl(),
                node.healthPort() == null ? null : String.valueOf(node.healthPort()),
                String.valueOf(node.probeIntervalSeconds()), String.valueOf(node.probeTimeoutMs()),
                String.valueOf(node.failAfter()), String.valueOf(node.version()));
    }

    /** The capacity the form shows for a resource type ("" for none). */
    public String capacityOf(String code) {
        int at = capacityCode == null ? -1 : capacityCode.indexOf(code);
        return at < 0 || capacityValue == null || at >= capacityValue.size() || capacityValue.get(at) == null
                ? "" : capacityValue.get(at);
    }

    public boolean hosts(UUID service) {
        return services != null && services.contains(service.toString());
    }

    /** The node the form describes; values that are no number (or no service) are refused first, by field. */
    NodeDraft draft() {
        List<FieldProblem> unreadable = new ArrayList<>();
        List<UUID> hosted = new ArrayList<>();
        for (String service : services == null ? List.<String>of() : services) {
            try {
                hosted.add(UUID.fromString(service));
            } catch (IllegalArgumentException e) {
                unreadable.add(new FieldProblem("services", "names no service"));
            }
        }
        Map<String, Long> capacity = new LinkedHashMap<>();
        for (int i = 0; capacityCode != null && i < capacityCode.size(); i++) {
            String value = AccountForm.text(capacityValue != null && i < capacityValue.size()
                    ? capacityValue.get(i) : null);
            if (value != null) {
                try {
                    capacity.put(capacityCode.get(i), Long.valueOf(value.replace(",", "")));
                } catch (NumberFormatException e) {
                    unreadable.add(new FieldProblem("capacity." + capacityCode.get(i), "must be a whole number"));
                }
            }
        }
        HealthCheck check = null;
        if (AccountForm.text(healthCheck) != null) {
            try {
                check = HealthCheck.valueOf(healthCheck.strip());
            } catch (IllegalArgumentException e) {
                unreadable.add(new FieldProblem("healthCheck", "must be HTTP or TCP"));
            }
        }
        NodeDraft draft = new NodeDraft(AccountForm.text(name), AccountForm.text(address), hosted, capacity, check,
                AccountForm.text(healthUrl), number(healthPort, "healthPort", unreadable),
                number(probeIntervalSeconds, "probeIntervalSeconds", unreadable),
                number(probeTimeoutMs, "probeTimeoutMs", unreadable), number(failAfter, "failAfter", unreadable));
        if (!unreadable.isEmpty()) {
            throw new InvalidInputException(unreadable);
        }
        return draft;
    }

    private static Integer number(String value, String field, List<FieldProblem> unreadable) {
        String text = AccountForm.text(value);
        try {
            return text == null ? null : Integer.valueOf(text.replace(",", ""));
        } catch (NumberFormatException e) {
            unreadable.add(new FieldProblem(field, "must be a whole number"));
            return null;
        }
    }
}
