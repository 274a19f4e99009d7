package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.accounts.api.Signatures;
import io.cascade.messages.api.MailKindView;
import io.cascade.messages.api.MailSender;
import io.cascade.messages.api.MailSenderView;
import io.cascade.messages.api.MailTemplateManagement;
import io.cascade.messages.api.MailTemplateParts;
import io.cascade.messages.api.MailTemplateView;
import io.cascade.messages.api.RenderedPreview;
import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A vendor's own templates and sender ({@link MailTemplateManagement}). Only vendors (the provider and resellers)
 * issue mail: a customer's templates do not exist (404), like an account outside the caller's subtree. Reading needs
 * ACCOUNTS_READ or SETTINGS_MANAGE, changing SETTINGS_MANAGE.
 */
@Service
class IssuerMailSettings implements MailTemplateManagement {
    private final AccountScope scope;
    private final TemplateDefaults defaults;
    private final TemplateOverrides overrides;
    private final IssuerSenders issuerSenders;
    private final Senders senders;
    private final Validation validation;
    private final AuditTrail audit;
    private final Clock clock;

    private final MailBrands brands;

    IssuerMailSettings(AccountScope scope, TemplateDefaults defaults, TemplateOverrides overrides,
                       IssuerSenders issuerSenders, Senders senders, Validation validation, AuditTrail audit,
                       Clock clock, MailBrands brands) {
        this.brands = brands;
        this.scope = scope;
        this.defaults = defaults;
        this.overrides = overrides;
        this.issuerSenders = issuerSenders;
        this.senders = senders;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<MailKindView> kinds(Caller caller, UUID accountId) {
        ScopedAccount issuer = readable(caller, accountId);
        Set<String> overridden = overrides.overridden(issuer.id());
        List<MailKindView> kinds = new ArrayList<>();
        for (String kind : defaults.kinds()) {
            kinds.add(new MailKindView(kind, LANGUAGES.stream().filter(defaults.languages(kind)::contains)
                    .map(language -> new MailKindView.Language(language, overridden.contains(kind + "/" + language)))
                    .toList()));
        }
        return kinds;
    }

    @Override
    @Transactional(readOnly = true)
    public MailTemplateView template(Caller caller, UUID accountId, String kind, String language) {
        ScopedAccount issuer = readable(caller, accountId);
        existing(kind, language);
        return view(issuer.id(), kind, language);
    }

    @Override
    @Transactional
    public MailTemplateView override(Caller caller, UUID accountId, String kind, String language, String ifMatch,
                                     MailTemplateParts parts) {
        ScopedAccount issuer = changeable(caller, accountId);
        existing(kind, language);
        validation.check(parts == null ? new MailTemplateParts(null, null, null) : parts,
                SafeTemplates.check(parts, defaults.placeholders(kind)));
        long version = overrides.lock(issuer.id(), kind, language, clock.instant());
        Etags.checkIfMatch(ifMatch, version);
        MailTemplateView before = view(issuer.id(), kind, language);
        overrides.write(issuer.id(), kind, language, parts, clock.instant());
        MailTemplateView after = view(issuer.id(), kind, language);
        audit.record(new AuditRecord(caller, issuer.id(), issuer.path(), "mail-template.overridden",
                auditable(before), auditable(after)));
        return after;
    }

    @Override
    @Transactional
    public MailTemplateView reset(Caller caller, UUID accountId, String kind, String language, String ifMatch) {
        ScopedAccount issuer = changeable(caller, accountId);
        existing(kind, language);
        long version = overrides.lock(issuer.id(), kind, language, clock.instant());
        Etags.checkIfMatch(ifMatch, version);
        MailTemplateView before = view(issuer.id(), kind, language);
        if (!before.overridden()) {
            return before; // nothing to return from: no change, no audit event
        }
        overrides.write(issuer.id(), kind, language, new MailTemplateParts(null, null, null), clock.instant());
        MailTemplateView after = view(issuer.id(), kind, language);
        audit.record(new AuditRecord(caller, issuer.id(), issuer.path(), "mail-template.reset",
                auditable(before), auditable(after)));
        return after;
    }

    @Override
    @Transactional(readOnly = true)
    public RenderedPreview preview(Caller caller, UUID accountId, String kind, String language,
                                   MailTemplateParts draft) {
        ScopedAccount issuer = readable(caller, accountId);
        existing(kind, language);
        boolean drafted = draft != null && !draft.isEmpty();
        if (drafted) {
            validation.check(draft, SafeTemplates.check(draft, defaults.placeholders(kind)));
        }
        MailTemplateView saved = view(issuer.id(), kind, language);
        MailTemplateParts parts = drafted ? merge(draft, saved.effective()) : saved.effective();
        AccountView account = senders.issuer(issuer.id());
        // in the brand of the mail the issuer sends as the seller, with the header, footer and signature block
        MailBrands.MailBrand brand = brands.of(account, null);
        RenderedPreview plain = render(parts, sample(account, brand.name()));
        return new RenderedPreview(plain.subject(), MailBrands.text(plain.text(), brand),
                MailBrands.html(plain.html(), brand));
    }

    @Override
    @Transactional(readOnly = true)
    public MailSenderView sender(Caller caller, UUID accountId) {
        ScopedAccount issuer = readable(caller, accountId);
        return senders.view(senders.issuer(issuer.id()), issuerSenders.find(issuer.id()).orElse(null));
    }

    @Override
    @Transactional
    public MailSenderView updateSender(Caller caller, UUID accountId, String ifMatch, MailSender sender) {
        ScopedAccount issuer = changeable(caller, accountId);
        validation.check(sender == null ? new MailSender(null, null) : sender);
        MailSender clean = new MailSender(sender.email().strip(),
                sender.name() == null || sender.name().isBlank() ? null : sender.name().strip());
        return writeSender(caller, issuer, ifMatch, clean, "mail-sender.changed");
    }

    @Override
    @Transactional
    public MailSenderView resetSender(Caller caller, UUID accountId, String ifMatch) {
        ScopedAccount issuer = changeable(caller, accountId);
        return writeSender(caller, issuer, ifMatch, null, "mail-sender.reset");
    }

    private MailSenderView writeSender(Caller caller, ScopedAccount issuer, String ifMatch, MailSender sender,
                                       String action) {
        long version = issuerSenders.lock(issuer.id(), clock.instant());
        Etags.checkIfMatch(ifMatch, version);
        AccountView account = senders.issuer(issuer.id());
        MailSenderView before = senders.view(account, issuerSenders.find(issuer.id()).orElse(null));
        if (sender == null && !before.configured()) {
            return before;
        }
        issuerSenders.write(issuer.id(), sender, clock.instant());
        MailSenderView after = senders.view(account, issuerSenders.find(issuer.id()).orElse(null));
        audit.record(new AuditRecord(caller, issuer.id(), issuer.path(), action, before, after));
        return after;
    }

    /** Renders a preview: the subject as one line, the text as it is, the HTML with escaped values; kept by no cache. */
    static RenderedPreview render(MailTemplateParts parts, Map<String, ?> model) {
        return new RenderedPreview(SafeTemplates.renderOnce(SafeTemplates.Part.SUBJECT, parts.subject(), model),
                SafeTemplates.renderOnce(SafeTemplates.Part.TEXT, parts.text(), model),
                SafeTemplates.renderOnce(SafeTemplates.Part.HTML, parts.html(), model));
    }

    /** Sample data for a preview: the real brand name; every other value its name in brackets. */
    private static Map<String, Object> sample(AccountView issuer, String brandName) {
        Map<String, Object> values = new HashMap<>();
        values.put("brand.name", brandName);
        Signatures signatures = issuer.signatures();
        String signature = signatures == null ? null
                : signatures.support() != null ? signatures.support() : signatures.billing();
        if (signature != null) {
            values.put("signature", signature);
        }
        return new SafeTemplates.Sample(values);
    }

    private MailTemplateView view(UUID issuerId, String kind, String language) {
        MailTemplateParts base = defaults.parts(kind, language).orElseThrow(NotFoundException::new);
        TemplateOverrides.Row row = overrides.find(issuerId, kind, language).orElse(null);
        MailTemplateParts own = row == null ? new MailTemplateParts(null, null, null) : row.parts();
        return new MailTemplateView(kind, language, !own.isEmpty(), own, base, merge(own, base),
                List.copyOf(defaults.placeholders(kind)), row == null ? 0 : row.version());
    }

    /** The parts of {@code own} where given, else those of {@code base}. */
    static MailTemplateParts merge(MailTemplateParts own, MailTemplateParts base) {
        return new MailTemplateParts(own.subject() != null ? own.subject() : base.subject(),
                own.text() != null ? own.text() : base.text(), own.html() != null ? own.html() : base.html());
    }

    /** What the audit log keeps of a template: the issuer's parts, not the defaults. */
    private static Map<String, Object> auditable(MailTemplateView view) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("kind", view.kind());
        state.put("language", view.language());
        state.put("overridden", view.overridden());
        state.put("override", view.override());
        return state;
    }

    private void existing(String kind, String language) {
        if (kind == null || !defaults.exists(kind) || !defaults.languages(kind).contains(language)) {
            throw new NotFoundException();
        }
    }

    private ScopedAccount readable(Caller caller, UUID accountId) {
        return scope.vendorSettings(caller, accountId, false);
    }

    private ScopedAccount changeable(Caller caller, UUID accountId) {
        return scope.vendorSettings(caller, accountId, true);
    }
}
