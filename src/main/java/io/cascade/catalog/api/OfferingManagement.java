package io.cascade.catalog.api;

import io.cascade.accounts.api.AccountFacts;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ResellerModel;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.catalog.internal.Plans;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.FieldProblem;
import io.cascade.shared.Page;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Commission offerings: the vendor of a commission reseller chooses which of its own published END_CUSTOMER plans
 * the reseller may offer, with a commission percentage each. The reseller reads them; only its vendor's side sets
 * them. Setting an offering again changes its percentage.
 */
@Service
public class OfferingManagement {
    private final JdbcClient jdbc;
    private final Plans plans;
    private final AccountScope scope;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;

    OfferingManagement(JdbcClient jdbc, Plans plans, AccountScope scope, Validation validation, AuditTrail audit,
                       Clock clock) {
        this.jdbc = jdbc;
        this.plans = plans;
        this.scope = scope;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    /** The commission a commission reseller earns on a plan it offers, read without scope (for billing). */
    public java.util.Optional<java.math.BigDecimal> commissionPercent(UUID resellerId, UUID planId) {
        return jdbc.sql("SELECT commission_percent FROM offering WHERE reseller_id = :reseller AND plan_id = :plan")
                .param("reseller", resellerId).param("plan", planId).query(java.math.BigDecimal.class).optional();
    }

    public Page<OfferingView> list(Caller caller, UUID resellerId) {
        ScopedAccount reseller = scope.require(caller, resellerId);
        caller.require(Privilege.CATALOG_READ);
        return new Page<>(jdbc.sql("""
                        SELECT o.reseller_id, o.plan_id, p.name AS plan_name, o.commission_percent, o.created_at
                        FROM offering o JOIN plan p ON p.id = o.plan_id
                        WHERE o.reseller_id = :reseller ORDER BY o.created_at, o.plan_id""")
                .param("reseller", reseller.id())
                .query((rs, n) -> new OfferingView(rs.getObject("reseller_id", UUID.class),
                        rs.getObject("plan_id", UUID.class), rs.getString("plan_name"),
                        rs.getBigDecimal("commission_percent").stripTrailingZeros(),
                        rs.getTimestamp("created_at").toInstant()))
                .list(), null);
    }

    @Transactional
    public OfferingView offer(Caller caller, UUID resellerId, NewOffering request) {
        ScopedAccount scoped = scope.require(caller, resellerId);
        caller.require(Privilege.CATALOG_MANAGE);
        AccountFacts reseller = scope.facts(caller, scoped.id()).orElseThrow();
        if (reseller.resellerModel() != ResellerModel.COMMISSION) {
            throw RuleViolationException.unprocessable(Problem.NOT_A_COMMISSION_RESELLER,
                    "Offerings are for commission resellers; this account is not one.");
        }
        if (!caller.covers(scope.facts(caller, reseller.vendorId()).orElseThrow().path())) {
            throw new RuleViolationException(Problem.VENDOR_DECIDES_OFFERINGS,
                    "The reseller's vendor chooses what it may offer.");
        }
        validation.check(request);
        var plan = plans.find(request.planId()).filter(p -> p.vendorId().equals(reseller.vendorId()));
        if (plan.isEmpty() || plan.get().status() != PlanStatus.PUBLISHED
                || plan.get().audience() != Audience.END_CUSTOMER) {
            throw new io.cascade.shared.InvalidInputException(List.of(new FieldProblem("planId",
                    "must be a published END_CUSTOMER plan of the reseller's vendor")));
        }
        jdbc.sql("""
                        INSERT INTO offering (reseller_id, plan_id, commission_percent, created_at)
                        VALUES (:reseller, :plan, :percent, :now)
                        ON CONFLICT (reseller_id, plan_id) DO UPDATE SET commission_percent = EXCLUDED.commission_percent""")
                .param("reseller", reseller.id()).param("plan", request.planId())
                .param("percent", request.commissionPercent()).param("now", Timestamp.from(clock.instant()))
                .update();
        OfferingView offering = list(caller, resellerId).items().stream()
                .filter(o -> o.planId().equals(request.planId())).findFirst().orElseThrow();
        audit.record(new AuditRecord(caller, reseller.id(), reseller.path(), "offering.set", null,
                Map.of("planId", offering.planId(), "commissionPercent", offering.commissionPercent())));
        return offering;
    }
}
