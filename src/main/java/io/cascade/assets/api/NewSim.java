package io.cascade.assets.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One SIM card for an account's inventory; the numbers are checked by {@link SimNumbers}. */
public record NewSim(@NotNull @Size(max = 20) String iccid, @NotNull @Size(max = 15) String imsi,
                     @Size(max = 16) String msisdn) {
}
