package io.cascade.assets.internal;

import io.cascade.provisioning.api.ImmediateAdapter;
import io.cascade.shared.FieldProblem;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code iot} provisioning adapter: connectivity on SIM cards (ADR 0013). Cascade is the system of record for
 * which SIMs are connected, so the adapter is immediate — its operations are done in the requesting transaction —
 * and the SIMs follow the subscription when its task finishes ({@code SubscriptionFollower}): provisioned or resumed
 * connects and resumes them, suspended suspends them, cancelled disconnects them; {@code ENFORCE} (its data reached
 * the plan's HARD limit) suspends them and {@code LIFT} resumes them (ADR 0039). The service's
 * {@code adapterConfig} names its resource types: {@code simResourceType} (required; a connected SIM counts as one)
 * and {@code dataResourceType} (optional; SIM data usage is recorded as it, so the service declares it metered).
 */
@Component
class IotAdapter extends ImmediateAdapter {

    @Override
    public String id() {
        return "iot";
    }

    /** Data usage is recorded as the {@code dataResourceType}, which must therefore be metered. */
    @Override
    public Set<String> meteredTypeSettings() {
        return Set.of("dataResourceType");
    }

    @Override
    public List<FieldProblem> checkConfig(Map<String, Object> config) {
        List<FieldProblem> problems = new ArrayList<>();
        Object sim = config == null ? null : config.get("simResourceType");
        if (!(sim instanceof String s) || s.isBlank() || s.length() > 64) {
            problems.add(new FieldProblem("simResourceType",
                    "must name the service's resource type a connected SIM counts as"));
        }
        Object data = config == null ? null : config.get("dataResourceType");
        if (data != null && (!(data instanceof String d) || d.isBlank() || d.length() > 64)) {
            problems.add(new FieldProblem("dataResourceType",
                    "must name the service's metered resource type for data usage"));
        }
        if (config != null) {
            config.keySet().stream().filter(k -> !k.equals("simResourceType") && !k.equals("dataResourceType"))
                    .sorted().forEach(k -> problems.add(new FieldProblem(k, "is not a setting of the iot adapter")));
        }
        return problems;
    }
}
