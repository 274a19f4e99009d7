package io.cascade.billing.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A correction of an issued invoice: a credit note for the named lines (each for its whole remaining amount, or for
 * {@code amount}, before tax), or — without {@code lines} — for everything not credited yet.
 */
public record CreditNoteRequest(@NotBlank @Size(max = 500) String reason,
                                @Size(max = 500) List<@NotNull @Valid Line> lines) {

    public record Line(@NotNull UUID lineId,
                       @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 4)
                       BigDecimal amount) {
    }
}
