/**
 * Who is calling: staff members with roles made of privileges, customer users and service users (the kinds of
 * users that shape a caller's scope, ADR 0009), passwords (bcrypt) and the password policy, invitations, API tokens
 * (stored as SHA-256 hashes), login throttling, and the bearer-token security of the REST edge that turns a token
 * into a {@link io.cascade.shared.Caller}. Cleans its own expired rows on the job engine. Tables {@code app_user},
 * {@code customer_user_customer}, {@code role}, {@code user_role}, {@code api_token}, {@code invitation},
 * {@code login_throttle}; view {@code identity_service_users} (read by mail only).
 *
 * <p>Its published API is the {@code api} package; the modules it may use are its {@code allowedDependencies}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts::api", "platform::api", "shared"})
package io.cascade.identity;
