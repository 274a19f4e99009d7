package io.cascade.billing.api;

import io.cascade.shared.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What a commission reseller earned in one period: per plan offered, what its vendor billed and the commission. */
public record CommissionStatementView(UUID id, UUID resellerAccountId, UUID vendorAccountId, LocalDate periodStart,
                                      LocalDate periodEnd, Money billed, Money commission, List<Line> lines,
                                      Instant createdAt) {

    public record Line(UUID planId, Money billed, BigDecimal percent, Money commission) {
    }
}
