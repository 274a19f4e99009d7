package io.cascade.accounts.api;

import jakarta.validation.constraints.Size;

/** Department signatures, printed on invoices and e-mails. */
public record Signatures(@Size(max = 2000) String billing, @Size(max = 2000) String support,
                         @Size(max = 2000) String sales) {
}
