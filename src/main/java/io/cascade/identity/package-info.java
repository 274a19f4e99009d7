/**
 * Who is calling: staff members of an account with roles made of privileges, passwords (bcrypt) and a password
 * policy, invitations, API tokens (random, stored as SHA-256 hashes, expiring, revocable), login throttling per login
 * and per client address, and the bearer-token security of the REST edge that turns a token into a
 * {@link io.cascade.shared.Caller}. Uses the accounts module for scope and for the account a user belongs to, and the
 * platform's request plumbing (problem answers, merge patch, validation).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "platform::api", "shared"})
package io.cascade.identity;
