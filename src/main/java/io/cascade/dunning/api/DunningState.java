package io.cascade.dunning.api;

import io.cascade.shared.Money;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Where an issuer–buyer pair stands in dunning. {@code stage} is what the badge shows: {@code NONE} (not in dunning),
 * else the last step's action. {@code overdue}, {@code oldestDueDate} and {@code daysOverdue}: what is overdue now
 * (null when nothing is). {@code history}: the steps taken in the current episode (or, when none is open, the last
 * one), in order. {@code next}: the next step of the policy not taken yet, and the day it falls due if nothing is
 * paid ({@code minimumAmount}: what must be overdue for it).
 */
@Schema(name = "DunningState")
public record DunningState(UUID issuerAccountId, String issuerName, UUID buyerAccountId, String buyerName, boolean inDunning,
                           String stage, LocalDate startedOn, LocalDate endedOn, Money overdue,
                           LocalDate oldestDueDate, Integer daysOverdue, boolean ordersBlocked,
                           boolean servicesSuspended, boolean flagged, LocalDate customersSuspendOn,
                           LocalDate customersSuspendedOn, List<Taken> history, Next next) {

    @Schema(name = "DunningStepTaken")
    public record Taken(int position, DunningAction action, LocalDate takenOn, int daysOverdue, Money overdue,
                        UUID feeInvoiceId) {
    }

    @Schema(name = "DunningNextStep")
    public record Next(int position, DunningAction action, LocalDate dueOn, Money minimumAmount) {
    }
}
