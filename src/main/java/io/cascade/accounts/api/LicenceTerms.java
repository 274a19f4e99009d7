package io.cascade.accounts.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.LocalDate;

/** What a vendor passes on: optionally a number of seats and a last day. */
public record LicenceTerms(
        @Schema(description = "At most this many seats in the account's whole subtree (only for RESELLER, API_ACCESS "
                + "and WHITE_LABEL); absent: no cap of its own (the vendor's caps still apply)", example = "5")
        @Min(1) @Max(1_000_000) Integer seats,
        @Schema(description = "The last day the licence holds (UTC); absent: no end of its own", example = "2027-12-31")
        LocalDate endsOn) {
}
