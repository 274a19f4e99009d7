package io.cascade.dunning.api;

import io.cascade.shared.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * An issuer's dunning policy (issue 17): its steps in order of days overdue, and how long a reseller's customers keep
 * their services after the reseller's own were suspended for not paying ({@code customerGraceDays}, ADR 0032; null:
 * they are never suspended for the reseller's debt). {@code standard} is true when the issuer has set none and the
 * default policy applies (answers only). An empty list of steps turns dunning off for the issuer's buyers.
 */
@Schema(name = "DunningPolicy")
public record DunningPolicy(@NotNull @Size(max = 20) List<@Valid @NotNull Step> steps,
                            @Min(0) @Max(365) Integer customerGraceDays,
                            @Schema(accessMode = Schema.AccessMode.READ_ONLY) Boolean standard) {

    /**
     * A step, taken once per dunning episode when the pair's oldest overdue invoice is {@code daysOverdue} days past
     * its due date and the pair's overdue amount is at least {@code minimumAmount} (in the pair's currency; default
     * 0: any amount) — or, for a currency listed in {@code minimums}, at least that.
     */
    @Schema(name = "DunningStep")
    public record Step(@NotNull @Min(1) @Max(3650) Integer daysOverdue, @NotNull DunningAction action,
                       @DecimalMin("0") @DecimalMax("999999999999999") BigDecimal minimumAmount,
                       @Size(max = 20) List<@NotNull Money> minimums,
                       @Valid LateFee lateFee) {
    }

    /** A warning's late fee: a fixed amount (in the pair's currency) and/or a percentage of the overdue amount. */
    @Schema(name = "DunningLateFee")
    public record LateFee(@DecimalMin("0") @DecimalMax("999999999999999") BigDecimal amount,
                          @DecimalMin("0") @DecimalMax("100") BigDecimal percent) {
    }

    /** The policy that applies when an issuer has set none (docs/billing.md, "Dunning"). */
    public static final DunningPolicy DEFAULT = new DunningPolicy(List.of(
            new Step(1, DunningAction.REMINDER, BigDecimal.ZERO, List.of(), null),
            new Step(14, DunningAction.WARNING, BigDecimal.ZERO, List.of(), null),
            new Step(21, DunningAction.BLOCK_ORDERS, BigDecimal.ZERO, List.of(), null),
            new Step(30, DunningAction.SUSPEND, BigDecimal.ZERO, List.of(), null),
            new Step(60, DunningAction.FLAG, BigDecimal.ZERO, List.of(), null)), 14, true);
}
