package io.cascade.accounts.api;

import jakarta.validation.constraints.Size;

/**
 * The optional body of a suspension or resumption: why, in a sentence the account's administrators read in the
 * e-mail that tells them (and the audit log keeps).
 */
public record StatusChangeReason(@Size(max = 500) String reason) {
}
