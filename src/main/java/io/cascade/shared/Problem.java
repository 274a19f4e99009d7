package io.cascade.shared;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one catalog of problem types Cascade answers (ADR 0019). Each entry has the slug clients see in the problem's
 * {@code type} ({@code urn:cascade:problem:<slug>}, stable: API clients and tests match on it) and the {@link Kind} of
 * refusal it is. Kinds name what went wrong, not an HTTP status: the web layer ({@code io.cascade.platform}) maps each
 * kind to its status, so that domain code never carries a status number.
 * <p>
 * A few types answer with two kinds, on purpose and as they always have: {@link #INVALID_INPUT} is
 * {@link Kind#UNREADABLE} when the request cannot be read into its fields and {@link Kind#UNPROCESSABLE} when a field
 * breaks a rule; {@link #PLAN_RETIRED} and {@link #HOLDING_IN_USE} are {@link Kind#CONFLICT} when the thing acted on is
 * in the way and {@link Kind#UNPROCESSABLE} when the request asks for something the state no longer allows. The throw
 * site names the second kind explicitly ({@link RuleViolationException#unprocessable}); any other kind is refused.
 * <p>
 * The entries from {@link #BAD_REQUEST} to {@link #ERROR} are the types of answers Spring MVC makes itself (an unknown
 * path, a wrong method, an unreadable {@code Accept}); their status is the one Spring chose.
 */
public enum Problem {
    // -- the request cannot be read
    INVALID_INPUT("invalid-input", Kind.UNPROCESSABLE, Kind.UNREADABLE),
    MALFORMED_REQUEST("malformed-request", Kind.UNREADABLE),
    INVALID_IDEMPOTENCY_KEY("invalid-idempotency-key", Kind.UNREADABLE),

    // -- who is asking
    UNAUTHENTICATED("unauthenticated", Kind.UNAUTHENTICATED),
    INVALID_TOKEN("invalid-token", Kind.UNAUTHENTICATED),
    INVALID_CREDENTIALS("invalid-credentials", Kind.UNAUTHENTICATED),
    INVALID_SIGNATURE("invalid-signature", Kind.UNAUTHENTICATED),
    LOGIN_THROTTLED("login-throttled", Kind.THROTTLED),
    SIGN_UP_THROTTLED("sign-up-throttled", Kind.THROTTLED),

    // -- in the caller's subtree, but not the caller's to do
    MISSING_PRIVILEGE("missing-privilege", Kind.FORBIDDEN),
    FORBIDDEN("forbidden", Kind.FORBIDDEN),
    USER_DISABLED("user-disabled", Kind.FORBIDDEN),
    ACCOUNT_INACTIVE("account-inactive", Kind.FORBIDDEN),
    PROVIDER_ONLY("provider-only", Kind.FORBIDDEN),
    OWN_USERS_ONLY("own-users-only", Kind.FORBIDDEN),
    CUSTOMER_USER_BEYOND_YOURS("customer-user-beyond-yours", Kind.FORBIDDEN),
    USER_MORE_POWERFUL("user-more-powerful", Kind.FORBIDDEN),
    VENDOR_DECIDES_OFFERINGS("vendor-decides-offerings", Kind.FORBIDDEN),
    VENDOR_DECIDES("vendor-decides", Kind.FORBIDDEN),
    ISSUER_DECIDES("issuer-decides", Kind.FORBIDDEN),
    FEATURE_NOT_LICENSED("feature-not-licensed", Kind.FORBIDDEN),

    // -- missing, or outside the caller's subtree
    NOT_FOUND("not-found", Kind.NOT_FOUND),

    // -- versions, sizes, formats
    STALE_ETAG("stale-etag", Kind.STALE),
    BODY_TOO_LARGE("body-too-large", Kind.TOO_LARGE),
    FORMAT_NOT_OFFERED("format-not-offered", Kind.NOT_OFFERED),

    // -- the state of what is acted on is in the way
    CONFLICT("conflict", Kind.CONFLICT),
    IDEMPOTENT_REQUEST_IN_PROGRESS("idempotent-request-in-progress", Kind.CONFLICT),
    ACCOUNT_CHOICE_REQUIRED("account-choice-required", Kind.CONFLICT),
    EMAIL_TAKEN("email-taken", Kind.CONFLICT),
    OWN_USER_STATUS("own-user-status", Kind.CONFLICT),
    OWN_USER_REMOVAL("own-user-removal", Kind.CONFLICT),
    CUSTOMER_NUMBER_TAKEN("customer-number-taken", Kind.CONFLICT),
    VENDOR_NOT_ACTIVE("vendor-not-active", Kind.CONFLICT),
    ACCOUNT_TERMINATED("account-terminated", Kind.CONFLICT),
    ALREADY_SUSPENDED("already-suspended", Kind.CONFLICT),
    NOT_SUSPENDED("not-suspended", Kind.CONFLICT),
    SUSPENDED_BY_VENDOR("suspended-by-vendor", Kind.CONFLICT),
    VENDOR_SUSPENDED("vendor-suspended", Kind.CONFLICT),
    SUBTREE_HAS_LIVE_ACCOUNTS("subtree-has-live-accounts", Kind.CONFLICT),
    NOT_PENDING("not-pending", Kind.CONFLICT),
    OWN_ACCOUNT_STATUS("own-account-status", Kind.CONFLICT),
    SERVICE_CODE_TAKEN("service-code-taken", Kind.CONFLICT),
    RESOURCE_TYPE_CODE_TAKEN("resource-type-code-taken", Kind.CONFLICT),
    PLAN_NOT_DRAFT("plan-not-draft", Kind.CONFLICT),
    PLAN_NOT_PUBLISHED("plan-not-published", Kind.CONFLICT),
    PLAN_RETIRED("plan-retired", Kind.CONFLICT, Kind.UNPROCESSABLE),
    ADDON_RETIRED("addon-retired", Kind.CONFLICT),
    SIM_NUMBER_TAKEN("sim-number-taken", Kind.CONFLICT),
    ASSET_NOT_IN_STOCK("asset-not-in-stock", Kind.CONFLICT),
    ACCOUNT_NOT_ACTIVE("account-not-active", Kind.CONFLICT),
    ACCOUNT_SUSPENDED("account-suspended", Kind.CONFLICT),
    SUBSCRIPTION_CANCELLED("subscription-cancelled", Kind.CONFLICT),
    SUBSCRIPTION_NOT_ACTIVE("subscription-not-active", Kind.CONFLICT),
    RESOURCE_NOT_IN_PLAN("resource-not-in-plan", Kind.CONFLICT),
    HOLDING_IN_USE("holding-in-use", Kind.CONFLICT, Kind.UNPROCESSABLE),
    RUN_IN_PROGRESS("run-in-progress", Kind.CONFLICT),
    NOT_PAYABLE("not-payable", Kind.CONFLICT),
    NOT_CREDITABLE("not-creditable", Kind.CONFLICT),
    MAIL_SUBSCRIPTION_REQUIRED("mail-subscription-required", Kind.CONFLICT),
    MAILBOX_ADDRESS_TAKEN("mailbox-address-taken", Kind.CONFLICT),
    SERVICE_USER_REMOVED("service-user-removed", Kind.CONFLICT),
    SERVICE_USER_NOT_ACTIVE("service-user-not-active", Kind.CONFLICT),
    SERVICE_USER_NOT_SUSPENDED("service-user-not-suspended", Kind.CONFLICT),
    TASK_RUNNING("task-running", Kind.CONFLICT),
    TASK_DONE("task-done", Kind.CONFLICT),
    TASK_NOT_RUNNING("task-not-running", Kind.CONFLICT),
    TASK_NOT_CANCELLABLE("task-not-cancellable", Kind.CONFLICT),
    TASK_CANCELLED("task-cancelled", Kind.CONFLICT),
    MESSAGE_NOT_RETRYABLE("message-not-retryable", Kind.CONFLICT),
    NOTHING_DUE("nothing-due", Kind.CONFLICT),
    PAYMENT_RETURNED("payment-returned", Kind.CONFLICT),
    MANDATE_ACTIVE("mandate-active", Kind.CONFLICT),
    MANDATE_REFERENCE_TAKEN("mandate-reference-taken", Kind.CONFLICT),
    MANDATE_REVOKED("mandate-revoked", Kind.CONFLICT),
    COLLECTION_NOT_DUE("collection-not-due", Kind.CONFLICT),
    NOT_COLLECTED("not-collected", Kind.CONFLICT),
    STATEMENT_ENTRY_DECIDED("statement-entry-decided", Kind.CONFLICT),
    BRAND_NOT_SET("brand-not-set", Kind.CONFLICT),
    PANEL_HOST_TAKEN("panel-host-taken", Kind.CONFLICT),
    STOREFRONT_SLUG_TAKEN("storefront-slug-taken", Kind.CONFLICT),
    APPLICATION_DECIDED("application-decided", Kind.CONFLICT),
    NODE_NAME_TAKEN("node-name-taken", Kind.CONFLICT),
    NODE_CAPACITY_EXHAUSTED("node-capacity-exhausted", Kind.CONFLICT),
    NODE_RETIRED("node-retired", Kind.CONFLICT),
    NODE_HAS_PLACEMENTS("node-has-placements", Kind.CONFLICT),
    NODE_NOT_DRAINING("node-not-draining", Kind.CONFLICT),

    // -- the request breaks a rule
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", Kind.UNPROCESSABLE),
    VENDOR_CANNOT_SELL("vendor-cannot-sell", Kind.UNPROCESSABLE),
    RESELLER_DEPTH_EXCEEDED("reseller-depth-exceeded", Kind.UNPROCESSABLE),
    CUSTOMER_USERS_NEED_A_VENDOR("customer-users-need-a-vendor", Kind.UNPROCESSABLE),
    IMPORT_REJECTED("import-rejected", Kind.UNPROCESSABLE),
    INVENTORY_OF_A_VENDOR("inventory-of-a-vendor", Kind.UNPROCESSABLE),
    COMMISSION_RESELLER_HAS_NO_PLANS("commission-reseller-has-no-plans", Kind.UNPROCESSABLE),
    COMMISSION_RESELLER_HAS_NO_RESELLERS("commission-reseller-has-no-resellers", Kind.UNPROCESSABLE),
    SERVICE_NOT_HELD("service-not-held", Kind.UNPROCESSABLE),
    BELOW_WHOLESALE_COST("below-wholesale-cost", Kind.UNPROCESSABLE),
    NOT_A_COMMISSION_RESELLER("not-a-commission-reseller", Kind.UNPROCESSABLE),
    LIMIT_EXCEEDED("limit-exceeded", Kind.UNPROCESSABLE),
    OVERPAYMENT("overpayment", Kind.UNPROCESSABLE),
    ALREADY_CREDITED("already-credited", Kind.UNPROCESSABLE),
    CREDIT_EXCEEDS_OPEN("credit-exceeds-open", Kind.UNPROCESSABLE),
    CURRENCY_MISMATCH("currency-mismatch", Kind.UNPROCESSABLE),
    INSUFFICIENT_CREDIT("insufficient-credit", Kind.UNPROCESSABLE),
    CREDIT_LIMIT_EXCEEDED("credit-limit-exceeded", Kind.UNPROCESSABLE),
    ONLINE_PAYMENT_NOT_ACCEPTED("online-payment-not-accepted", Kind.UNPROCESSABLE),
    PAYMENT_GATEWAY_NOT_CONFIGURED("payment-gateway-not-configured", Kind.UNPROCESSABLE),
    DIRECT_DEBIT_NOT_SET_UP("direct-debit-not-set-up", Kind.UNPROCESSABLE),
    NOTHING_TO_COLLECT("nothing-to-collect", Kind.UNPROCESSABLE),
    ORDERS_BLOCKED_DUNNING("orders-blocked-dunning", Kind.UNPROCESSABLE),
    BRAND_FALLBACK_NOT_ALLOWED("brand-fallback-not-allowed", Kind.UNPROCESSABLE),
    PANEL_HOST_UNVERIFIED("panel-host-unverified", Kind.UNPROCESSABLE),
    FORM_TOKEN_REJECTED("form-token-rejected", Kind.UNPROCESSABLE),
    LICENCE_BEYOND_VENDOR("licence-beyond-vendor", Kind.UNPROCESSABLE),
    LICENCE_SEATS_EXHAUSTED("licence-seats-exhausted", Kind.UNPROCESSABLE),

    // -- our fault
    INTERNAL_ERROR("internal-error", Kind.FAILURE),

    // -- somebody else's system does not answer
    PAYMENT_GATEWAY_UNAVAILABLE("payment-gateway-unavailable", Kind.UNAVAILABLE),

    // -- answers Spring MVC makes itself, typed by their status
    BAD_REQUEST("bad-request", Kind.UNREADABLE),
    METHOD_NOT_ALLOWED("method-not-allowed", Kind.METHOD_NOT_SUPPORTED),
    NOT_ACCEPTABLE("not-acceptable", Kind.NOT_OFFERED),
    CONTENT_TOO_LARGE("content-too-large", Kind.TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", Kind.MEDIA_TYPE_NOT_SUPPORTED),
    INTERNAL_SERVER_ERROR("internal-server-error", Kind.FAILURE),
    SERVICE_UNAVAILABLE("service-unavailable", Kind.UNAVAILABLE),
    /** Any other status Spring MVC might answer; Cascade's own code never throws it. */
    ERROR("error", Kind.FAILURE);

    /** What kind of refusal a problem is. The web layer maps each kind to one HTTP status. */
    public enum Kind {
        /** The request cannot be read into its fields (bad JSON, a wrong type, a bad header). */
        UNREADABLE,
        /** No caller, or not who it claims to be. */
        UNAUTHENTICATED,
        /** A known caller that may not do this. */
        FORBIDDEN,
        /** Missing, or outside the caller's subtree: the same answer. */
        NOT_FOUND,
        /** The path exists, but not with this method. */
        METHOD_NOT_SUPPORTED,
        /** The representation asked for is not offered. */
        NOT_OFFERED,
        /** The state of what is acted on is in the way. */
        CONFLICT,
        /** The version named by the client is no longer current. */
        STALE,
        /** The body is larger than accepted. */
        TOO_LARGE,
        /** The body's media type is not accepted here. */
        MEDIA_TYPE_NOT_SUPPORTED,
        /** The request is readable but breaks a rule. */
        UNPROCESSABLE,
        /** Too many attempts; retry later. */
        THROTTLED,
        /** A failure on Cascade's side. */
        FAILURE,
        /** Cascade cannot answer right now. */
        UNAVAILABLE
    }

    /** The prefix of every problem type; the slug follows it. */
    public static final String TYPE_PREFIX = "urn:cascade:problem:";

    private static final Map<String, Problem> BY_SLUG = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Problem::slug, Function.identity()));

    private final String slug;
    private final Kind kind;
    private final Set<Kind> kinds;
    private final URI type;

    Problem(String slug, Kind kind, Kind... alsoAs) {
        this.slug = slug;
        this.kind = kind;
        this.kinds = Set.copyOf(EnumSet.of(kind, alsoAs));
        this.type = URI.create(TYPE_PREFIX + slug);
    }

    /** The slug clients see, e.g. {@code not-found}. */
    public String slug() {
        return slug;
    }

    /** The problem's {@code type}: {@code urn:cascade:problem:<slug>}. */
    public URI type() {
        return type;
    }

    /** The kind this problem usually is. */
    public Kind kind() {
        return kind;
    }

    /** Every kind this problem may be: its own, and the second one where the class comment names one. */
    public Set<Kind> kinds() {
        return kinds;
    }

    public static Optional<Problem> bySlug(String slug) {
        return Optional.ofNullable(BY_SLUG.get(slug));
    }
}
