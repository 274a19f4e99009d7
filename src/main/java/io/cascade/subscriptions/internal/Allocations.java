package io.cascade.subscriptions.internal;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.ResellerModel;
import io.cascade.catalog.api.LimitType;
import io.cascade.shared.Caller;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Limits that flow up the tree (ADR 0007). A change of an ordered quantity by {@code delta} counts against the
 * holding of every prepaid reseller above the plan's vendor, one tier after another up to the provider: each
 * holding's quantity is what its subtree has ordered through it. A reseller's own resource type (ADR 0036) stops at
 * its owner: the owner holds it from nobody, and nothing above it counts it. Each step is one conditional UPDATE that takes the
 * holding's row lock and refuses to pass a HARD limit, so concurrent orders can never together exceed it. Rows are
 * always locked bottom-up, so two orders never wait on each other in a cycle.
 */
@Component
public class Allocations {
    private final JdbcClient jdbc;
    private final HoldingsDirectory holdings;
    private final AccountScope scope;
    private final Subscriptions subscriptions;
    private final java.time.Clock clock;

    Allocations(JdbcClient jdbc, HoldingsDirectory holdings, AccountScope scope, Subscriptions subscriptions,
                java.time.Clock clock) {
        this.jdbc = jdbc;
        this.holdings = holdings;
        this.scope = scope;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /**
     * Counts {@code delta} units of a resource type against every holding above {@code planVendorId}. Throws 422
     * {@code limit-exceeded} naming the limit, whose it is (how many tiers up) and what is left, or
     * {@code service-not-held} when a reseller above no longer holds the resource.
     */
    public void allocate(Caller caller, UUID planVendorId, UUID resourceTypeId, String resourceType,
                         BigDecimal delta) {
        if (delta.signum() == 0) {
            return;
        }
        AccountFacts vendor = scope.facts(caller, planVendorId).orElseThrow();
        // a reseller's own resource type counts up to its owner and nothing above it (ADR 0036)
        UUID owner = jdbc.sql("SELECT service_owner_id FROM catalog_resource_types WHERE id = :type")
                .param("type", resourceTypeId).query((rs, n) -> rs.getObject("service_owner_id", UUID.class))
                .list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        int tier = 1;
        while (vendor.type() == AccountType.RESELLER && vendor.resellerModel() == ResellerModel.PREPAID
                && !vendor.id().equals(owner)) {
            var holding = holdings.holding(vendor.id(), resourceTypeId);
            if (holding.isEmpty()) {
                if (delta.signum() < 0) {
                    break; // releasing: nothing above to release from any more
                }
                throw new RuleViolationException(Problem.SERVICE_NOT_HELD,
                        "A reseller above (" + tierName(tier) + ") no longer holds " + resourceType
                                + "; it cannot be ordered.", Map.of("resourceType", resourceType, "tier", tier));
            }
            boolean hard = holding.get().limitType() == LimitType.HARD && holding.get().limit() != null;
            int updated = jdbc.sql("""
                            UPDATE subscription_resource SET quantity = GREATEST(quantity + :delta, 0)
                            WHERE subscription_id = :holding AND resource_type_id = :type
                              AND (NOT :hard OR :delta <= 0 OR quantity + :delta <= :limit)""")
                    .param("delta", delta).param("holding", holding.get().subscriptionId())
                    .param("type", resourceTypeId).param("hard", hard)
                    .param("limit", holding.get().limit() == null ? BigDecimal.ZERO : holding.get().limit())
                    .update();
            if (updated == 0) {
                BigDecimal used = jdbc.sql("""
                                SELECT quantity FROM subscription_resource
                                WHERE subscription_id = :holding AND resource_type_id = :type""")
                        .param("holding", holding.get().subscriptionId()).param("type", resourceTypeId)
                        .query(BigDecimal.class).optional().orElse(BigDecimal.ZERO);
                throw limitExceeded(caller, resourceType, holding.get().limit(), used, tier, vendor);
            }
            // a holding's quantities change from the day the order is made, whatever date the order itself carries
            subscriptions.recordTerms(holding.get().subscriptionId(), java.time.LocalDate.now(clock), clock.instant());
            vendor = scope.facts(caller, vendor.vendorId()).orElseThrow();
            tier++;
        }
    }

    /** The subscription's own HARD limit. */
    public static void checkOwnLimit(String resourceType, BigDecimal quantity, BigDecimal limit, LimitType limitType,
                                     int index) {
        if (limit != null && limitType == LimitType.HARD && quantity.compareTo(limit) > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("resourceType", resourceType);
            details.put("limit", plain(limit));
            details.put("whose", "subscription");
            details.put("left", plain(limit));
            details.put("errors", java.util.List.of(new io.cascade.shared.FieldProblem(
                    "resources[" + index + "].quantity", "exceeds the plan's hard limit of " + plain(limit))));
            throw new RuleViolationException(Problem.LIMIT_EXCEEDED, "The plan allows at most " + plain(limit) + " "
                    + resourceType + ".", details);
        }
    }

    private static RuleViolationException limitExceeded(Caller caller, String resourceType, BigDecimal limit,
                                                        BigDecimal used, int tier, AccountFacts holder) {
        BigDecimal left = limit.subtract(used).max(BigDecimal.ZERO);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("resourceType", resourceType);
        details.put("limit", plain(limit));
        details.put("whose", tierName(tier));
        details.put("tier", tier);
        if (caller == null || caller.covers(holder.path())) {
            details.put("accountId", holder.id());
        }
        details.put("left", plain(left));
        return new RuleViolationException(Problem.LIMIT_EXCEEDED, "The holding of " + tierName(tier) + " allows "
                + plain(limit) + " " + resourceType + " in all; " + plain(left) + " left.", details);
    }

    private static String tierName(int tier) {
        return tier == 1 ? "your vendor" : "the vendor " + tier + " tiers up";
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
