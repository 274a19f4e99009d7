package io.cascade.brands.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.Feature;
import io.cascade.accounts.api.Licences;
import io.cascade.accounts.api.AccountType;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.brands.api.Brand;
import io.cascade.brands.api.BrandDraft;
import io.cascade.brands.api.BrandFallback;
import io.cascade.brands.api.BrandManagement;
import io.cascade.brands.api.BrandPolicy;
import io.cascade.brands.api.BrandPolicyView;
import io.cascade.brands.api.BrandSource;
import io.cascade.brands.api.BrandView;
import io.cascade.brands.api.Brands;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A vendor's brand ({@link BrandManagement}, ADR 0033). Only vendors have a brand: a customer's does not exist (404),
 * like an account outside the caller's subtree. Reading needs ACCOUNTS_READ or SETTINGS_MANAGE, changing
 * SETTINGS_MANAGE; the checks come before validation, so that a caller outside learns nothing from field errors.
 * Every change locks the vendor's setting row, checks {@code If-Match} against its version, counts it up and is
 * audited; a refused request changes nothing.
 */
@Service
class VendorBrands implements BrandManagement {
    private final AccountScope scope;
    private final OwnBrands brands;
    private final BrandResolver resolver;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;
    private final Licences licences;

    VendorBrands(AccountScope scope, OwnBrands brands, BrandResolver resolver, Validation validation,
                 AuditTrail audit, Clock clock, Licences licences) {
        this.licences = licences;
        this.scope = scope;
        this.brands = brands;
        this.resolver = resolver;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public BrandView brand(Caller caller, UUID accountId) {
        ScopedAccount vendor = readable(caller, accountId);
        return view(caller, vendor, brands.setting(vendor.id()));
    }

    @Override
    @Transactional
    public BrandView set(Caller caller, UUID accountId, String ifMatch, BrandDraft draft) {
        ScopedAccount vendor = changeable(caller, accountId);
        BrandDraft given = draft == null ? new BrandDraft(null, null, null, null, null, null, null, null, null) : draft;
        validation.check(given, Contrast.check(given.primaryColour(), given.accentColour()));
        BrandDraft clean = clean(given);
        OwnBrands.Setting setting = brands.lock(vendor.id(), vendor.path(), clock.instant());
        Etags.checkIfMatch(ifMatch, setting.version());
        Map<String, Object> before = auditable(brands.find(vendor.id()).orElse(null));
        brands.write(vendor.id(), vendor.path(), clean, clock.instant());
        long version = brands.touch(vendor.id(), clock.instant());
        audit.record(new AuditRecord(caller, vendor.id(), vendor.path(), "brand.set", before,
                auditable(brands.find(vendor.id()).orElseThrow())));
        return view(caller, vendor, new OwnBrands.Setting(setting.ownName(), version));
    }

    @Override
    @Transactional
    public BrandView remove(Caller caller, UUID accountId, String ifMatch) {
        ScopedAccount vendor = changeable(caller, accountId);
        OwnBrands.Setting setting = brands.lock(vendor.id(), vendor.path(), clock.instant());
        Etags.checkIfMatch(ifMatch, setting.version());
        Brand before = brands.find(vendor.id()).orElse(null);
        if (before == null) {
            return view(caller, vendor, setting); // nothing to remove: no change, no audit event
        }
        brands.delete(vendor.id());
        long version = brands.touch(vendor.id(), clock.instant());
        audit.record(new AuditRecord(caller, vendor.id(), vendor.path(), "brand.removed", auditable(before), null));
        return view(caller, vendor, new OwnBrands.Setting(setting.ownName(), version));
    }

    @Override
    @Transactional
    public BrandView setLogo(Caller caller, UUID accountId, String ifMatch, String mediaType, byte[] bytes) {
        ScopedAccount vendor = changeable(caller, accountId);
        Brands.Logo logo = LogoCheck.checked(mediaType == null ? null : mediaType.toLowerCase(Locale.ROOT), bytes);
        OwnBrands.Setting setting = brands.lock(vendor.id(), vendor.path(), clock.instant());
        Etags.checkIfMatch(ifMatch, setting.version());
        Brand before = brands.find(vendor.id()).orElseThrow(() -> RuleViolationException.conflict(
                Problem.BRAND_NOT_SET, "The account has no brand of its own: set its name and colours first."));
        brands.logo(vendor.id(), logo, sha256(logo.bytes()), clock.instant());
        long version = brands.touch(vendor.id(), clock.instant());
        audit.record(new AuditRecord(caller, vendor.id(), vendor.path(), "brand.logo-set", logoFacts(before),
                logoFacts(brands.find(vendor.id()).orElseThrow(), logo.bytes().length)));
        return view(caller, vendor, new OwnBrands.Setting(setting.ownName(), version));
    }

    @Override
    @Transactional
    public BrandView removeLogo(Caller caller, UUID accountId, String ifMatch) {
        ScopedAccount vendor = changeable(caller, accountId);
        OwnBrands.Setting setting = brands.lock(vendor.id(), vendor.path(), clock.instant());
        Etags.checkIfMatch(ifMatch, setting.version());
        Brand before = brands.find(vendor.id()).orElse(null);
        if (before == null || !before.hasLogo()) {
            return view(caller, vendor, setting);
        }
        brands.logo(vendor.id(), null, null, clock.instant());
        long version = brands.touch(vendor.id(), clock.instant());
        audit.record(new AuditRecord(caller, vendor.id(), vendor.path(), "brand.logo-removed", logoFacts(before),
                null));
        return view(caller, vendor, new OwnBrands.Setting(setting.ownName(), version));
    }

    @Override
    @Transactional
    public BrandView choose(Caller caller, UUID accountId, String ifMatch, BrandFallback fallback) {
        ScopedAccount vendor = changeable(caller, accountId);
        validation.check(new io.cascade.brands.api.BrandFallbackChoice(fallback));
        boolean ownName = fallback == BrandFallback.OWN_NAME;
        if (ownName && !brands.policy(false).vendorsMayShowOwnName()) {
            throw RuleViolationException.unprocessable(Problem.BRAND_FALLBACK_NOT_ALLOWED, "The provider's brand "
                    + "policy does not let vendors show their own name instead of the brand above them.");
        }
        OwnBrands.Setting setting = brands.lock(vendor.id(), vendor.path(), clock.instant());
        Etags.checkIfMatch(ifMatch, setting.version());
        if (setting.ownName() == ownName) {
            return view(caller, vendor, setting);
        }
        brands.ownName(vendor.id(), ownName);
        long version = brands.touch(vendor.id(), clock.instant());
        audit.record(new AuditRecord(caller, vendor.id(), vendor.path(), "brand.fallback-chosen",
                Map.of("fallback", fallback(setting.ownName())), Map.of("fallback", fallback)));
        return view(caller, vendor, new OwnBrands.Setting(ownName, version));
    }

    @Override
    @Transactional(readOnly = true)
    public BrandPolicyView policy(Caller caller) {
        OwnBrands.Policy policy = brands.policy(false);
        return new BrandPolicyView(policy.vendorsMayShowOwnName(), policy.version());
    }

    @Override
    @Transactional
    public BrandPolicyView updatePolicy(Caller caller, String ifMatch, BrandPolicy policy) {
        if (!caller.isStaff() || scope.own(caller).type() != AccountType.PROVIDER) {
            throw new RuleViolationException(Problem.PROVIDER_ONLY, "Only the provider's staff change the brand policy.");
        }
        caller.require(Privilege.SETTINGS_MANAGE);
        validation.check(policy == null ? new BrandPolicy(null) : policy);
        OwnBrands.Policy before = brands.policy(true);
        Etags.checkIfMatch(ifMatch, before.version());
        if (before.vendorsMayShowOwnName() == policy.vendorsMayShowOwnName()) {
            return new BrandPolicyView(before.vendorsMayShowOwnName(), before.version());
        }
        OwnBrands.Policy after = brands.updatePolicy(policy.vendorsMayShowOwnName(), clock.instant());
        ScopedAccount provider = scope.own(caller);
        audit.record(new AuditRecord(caller, provider.id(), provider.path(), "brand-policy.changed",
                Map.of("vendorsMayShowOwnName", before.vendorsMayShowOwnName()),
                Map.of("vendorsMayShowOwnName", after.vendorsMayShowOwnName())));
        return new BrandPolicyView(after.vendorsMayShowOwnName(), after.version());
    }

    /** The brand the vendor shows now, where it comes from, and its setting. */
    private BrandView view(Caller caller, ScopedAccount vendor, OwnBrands.Setting setting) {
        BrandResolver.Resolved resolved = resolver.resolve(vendor.path());
        Brand brand = resolved.brand();
        BrandSource source;
        BrandView.Owner from = null;
        if (brand.isPlatformDefault()) {
            source = BrandSource.PLATFORM_DEFAULT;
        } else if (brand.ownerId().equals(vendor.id())) {
            source = resolved.ownName() ? BrandSource.OWN_NAME : BrandSource.OWN;
        } else {
            source = BrandSource.INHERITED;
            from = scope.facts(caller, brand.ownerId()).filter(owner -> caller.covers(owner.path()))
                    .map(owner -> new BrandView.Owner(owner.id(), owner.companyName())).orElse(null);
        }
        BrandView.Logo logo = brand.logoPath() == null ? null
                : new BrandView.Logo(brand.logoType(), brand.logoPath(), brand.logoSha256());
        return new BrandView(vendor.id(), source, from, brand.displayName(), brand.primaryColour(),
                brand.accentColour(), logo, brand.supportEmail(), brand.supportPhone(), brand.supportUrl(),
                brand.legalFooter(), brand.senderName(), brand.senderAddress(), fallback(setting.ownName()),
                brands.policy(false).vendorsMayShowOwnName(), brand.updatedAt(), setting.version());
    }

    private static BrandFallback fallback(boolean ownName) {
        return ownName ? BrandFallback.OWN_NAME : BrandFallback.NEAREST_ABOVE;
    }

    /** A checked draft as it is stored: text stripped, blanks null, colours in lower case. */
    static BrandDraft clean(BrandDraft draft) {
        return new BrandDraft(draft.displayName().strip(), draft.primaryColour().toLowerCase(Locale.ROOT),
                draft.accentColour().toLowerCase(Locale.ROOT), blankless(draft.supportEmail()),
                blankless(draft.supportPhone()), blankless(draft.supportUrl()), blankless(draft.legalFooter()),
                blankless(draft.senderName()), blankless(draft.senderAddress()));
    }

    private static String blankless(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** What the audit log keeps of a brand: its fields and its logo's type and hash, not the logo's bytes. */
    private static Map<String, Object> auditable(Brand brand) {
        if (brand == null) {
            return null;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("displayName", brand.displayName());
        state.put("primaryColour", brand.primaryColour());
        state.put("accentColour", brand.accentColour());
        state.put("supportEmail", brand.supportEmail());
        state.put("supportPhone", brand.supportPhone());
        state.put("supportUrl", brand.supportUrl());
        state.put("legalFooter", brand.legalFooter());
        state.put("senderName", brand.senderName());
        state.put("senderAddress", brand.senderAddress());
        state.put("logoType", brand.logoType());
        state.put("logoSha256", brand.logoSha256());
        return state;
    }

    private static Map<String, Object> logoFacts(Brand brand) {
        if (brand == null || !brand.hasLogo()) {
            return null;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("type", brand.logoType());
        facts.put("sha256", brand.logoSha256());
        return facts;
    }

    private static Map<String, Object> logoFacts(Brand brand, int size) {
        Map<String, Object> facts = logoFacts(brand);
        facts.put("bytes", size);
        return facts;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A vendor's brand is white label: it needs the vendor's WHITE_LABEL licence (ADR 0038). */
    private ScopedAccount readable(Caller caller, UUID accountId) {
        ScopedAccount vendor = scope.vendorSettings(caller, accountId, false);
        licences.require(vendor, Feature.WHITE_LABEL);
        return vendor;
    }

    private ScopedAccount changeable(Caller caller, UUID accountId) {
        ScopedAccount vendor = scope.vendorSettings(caller, accountId, true);
        licences.require(vendor, Feature.WHITE_LABEL);
        return vendor;
    }

}
