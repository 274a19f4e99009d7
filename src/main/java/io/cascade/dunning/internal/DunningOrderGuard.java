package io.cascade.dunning.internal;

import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import io.cascade.subscriptions.api.OrderGuard;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Dunning's check before an order (issue 17, ADR 0032): refused with 422 {@code orders-blocked-dunning} while the
 * buyer's open dunning episode with the plan's vendor has taken its BLOCK_ORDERS step — and, below a reseller whose
 * own episode with its vendor has, for every account of its subtree (its customers order through it).
 */
@Component
class DunningOrderGuard implements OrderGuard {
    private final Episodes episodes;

    DunningOrderGuard(Episodes episodes) {
        this.episodes = episodes;
    }

    @Override
    public void beforeOrder(UUID buyerId, UUID vendorId, UUID planId, String currency, LocalDate start) {
        String path = episodes.pathOf(buyerId).orElse(null);
        List<String> ancestors = path == null ? List.of() : ancestors(path);
        episodes.blocking(vendorId, buyerId, ancestors).ifPresent(blocking -> {
            boolean own = blocking[1].equals(buyerId);
            throw new RuleViolationException(Problem.ORDERS_BLOCKED_DUNNING, own
                    ? "New orders are blocked: invoices of this account are overdue with its vendor. They are taken "
                    + "again once the overdue invoices are paid."
                    : "New orders through this provider are paused. Please contact your provider.",
                    own ? Map.of("issuerAccountId", blocking[0]) : Map.of());
        });
    }

    /** The paths of the accounts above the one at {@code path} (without itself): "a." and "a.b." for "a.b.c.". */
    static List<String> ancestors(String path) {
        List<String> result = new ArrayList<>();
        for (int i = path.indexOf('.'); i >= 0 && i < path.length() - 1; i = path.indexOf('.', i + 1)) {
            result.add(path.substring(0, i + 1));
        }
        return result;
    }
}
