package io.cascade.assets.api;

import io.cascade.accounts.api.AccountStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A standard account's SIM data usage in {@code [from, to)} per simple customer (seed 004, ADR 0037), in the unit of
 * the {@code iot} service's data resource type; {@code unheld} is the usage of SIMs no simple customer held (absent
 * for a customer user, who sees only its own customers).
 */
public record SimpleCustomerUsage(UUID accountId, LocalDate from, LocalDate to, List<Row> items, Row unheld) {

    /** One simple customer (all null but the numbers for {@code unheld}): the SIMs it holds now, its usage. */
    public record Row(UUID customerId, String companyName, AccountStatus status, long sims, BigDecimal quantity) {
    }
}
