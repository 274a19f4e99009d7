package io.cascade.accounts.api;

import io.cascade.platform.api.Validation;
import io.cascade.shared.AuditRecord;
import io.cascade.shared.AuditTrail;
import io.cascade.shared.Caller;
import io.cascade.shared.Etags;
import io.cascade.shared.PreconditionFailedException;
import io.cascade.shared.Privilege;
import io.cascade.shared.Problem;
import io.cascade.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The platform-wide reseller settings: readable by every signed-in user, changed only by the provider's staff. */
@Service
public class PlatformSettings {
    private final JdbcClient jdbc;
    private final AccountScope scope;
    private final AuditTrail audit;
    private final Validation validation;
    private final Clock clock;

    PlatformSettings(JdbcClient jdbc, AccountScope scope, AuditTrail audit, Validation validation, Clock clock) {
        this.validation = validation;
        this.jdbc = jdbc;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    public record Versioned(ResellerSettings settings, long version) {
    }

    public Versioned resellerSettings() {
        return jdbc.sql("SELECT enabled_reseller_models, max_reseller_depth, version FROM platform_settings")
                .query((rs, n) -> {
                    String[] models = (String[]) rs.getArray("enabled_reseller_models").getArray();
                    Set<ResellerModel> enabled = Arrays.stream(models).map(ResellerModel::valueOf)
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ResellerModel.class)));
                    return new Versioned(new ResellerSettings(enabled, rs.getInt("max_reseller_depth")),
                            rs.getLong("version"));
                }).single();
    }

    @Transactional
    public Versioned updateResellerSettings(Caller caller, String ifMatch,
                                            java.util.function.UnaryOperator<ResellerSettings> changes) {
        if (!caller.isStaff()) {
            throw new RuleViolationException(Problem.PROVIDER_ONLY, "Only the provider's staff change platform settings.");
        }
        ScopedAccount own = scope.own(caller);
        if (own.type() != AccountType.PROVIDER) {
            throw new RuleViolationException(Problem.PROVIDER_ONLY, "Only the provider's staff change platform settings.");
        }
        caller.require(Privilege.SETTINGS_MANAGE);
        jdbc.sql("SELECT 1 FROM platform_settings FOR UPDATE").query(Integer.class).single();
        Versioned before = resellerSettings();
        Etags.checkIfMatch(ifMatch, before.version());
        ResellerSettings settings = changes.apply(before.settings());
        validation.check(settings);
        String[] models = settings.enabledResellerModels().stream().map(Enum::name).sorted().toArray(String[]::new);
        int updated = jdbc.sql("""
                        UPDATE platform_settings SET enabled_reseller_models = :models, max_reseller_depth = :depth,
                               version = version + 1, updated_at = :now WHERE version = :version""")
                .param("models", models).param("depth", settings.maxResellerDepth())
                .param("now", java.sql.Timestamp.from(clock.instant())).param("version", before.version())
                .update();
        if (updated != 1) {
            throw new PreconditionFailedException();
        }
        Versioned after = resellerSettings();
        audit.record(new AuditRecord(caller, own.id(), own.path(), "platform.reseller-settings.updated",
                before.settings(), after.settings()));
        return after;
    }
}
