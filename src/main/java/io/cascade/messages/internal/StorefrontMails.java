package io.cascade.messages.internal;

import io.cascade.storefront.api.ApplicationStatus;
import io.cascade.storefront.api.SignUpDecided;
import io.cascade.storefront.api.SignUpSubmitted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mails of a storefront's sign-up, to the applicant (who has no login yet), in the language it signed up in,
 * under the storefront's vendor as issuer (its brand and sender): {@code storefront-confirmation} with the one-time
 * confirmation link ({@link SignUpSubmitted}; nothing is sent once the link has expired), and the outcome,
 * {@code storefront-activated} or {@code storefront-rejected} with the vendor's reason ({@link SignUpDecided}). Queued
 * in the publishing transaction.
 */
@Component
class StorefrontMails {
    static final String CONFIRMATION = "storefront-confirmation";
    static final String ACTIVATED = "storefront-activated";
    static final String REJECTED = "storefront-rejected";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Outbox outbox;

    StorefrontMails(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void submitted(SignUpSubmitted event) {
        Map<String, Object> data = new HashMap<>();
        data.put("email", event.email());
        data.put("contactName", event.contactName());
        data.put("language", event.language());
        data.put("slug", event.slug());
        data.put("storefront", event.storefrontTitle());
        data.put("token", event.token());
        data.put("expiresAt", event.expiresAt().toString());
        outbox.mail(CONFIRMATION, event.vendorId(), data);
    }

    @EventListener
    void decided(SignUpDecided event) {
        Map<String, Object> data = new HashMap<>();
        data.put("email", event.email());
        data.put("contactName", event.contactName());
        data.put("language", event.language());
        data.put("company", event.companyName());
        if (event.reason() != null) {
            data.put("reason", event.reason());
        }
        outbox.mail(event.outcome() == ApplicationStatus.ACTIVATED ? ACTIVATED : REJECTED, event.vendorId(), data);
    }

    /** One composer per kind: the applicant's address, the vendor as issuer, the applicant's language. */
    static final class Composer implements MailComposer {
        private final String kind;
        private final PublicUrl publicUrl;
        private final Clock clock;

        Composer(String kind, PublicUrl publicUrl, Clock clock) {
            this.kind = kind;
            this.publicUrl = publicUrl;
            this.clock = clock;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public Optional<ComposedMail> compose(OutboxMessage message) {
            JsonNode data = message.data();
            Map<String, Object> model = new HashMap<>();
            model.put("recipient", Map.of("name", data.path("contactName").asString()));
            model.put("email", data.path("email").asString());
            if (kind.equals(CONFIRMATION)) {
                Instant expiresAt = Instant.parse(data.path("expiresAt").asString());
                if (!expiresAt.isAfter(clock.instant())) {
                    return Optional.empty();
                }
                model.put("storefront", data.path("storefront").asString());
                model.put("link", publicUrl.page(message.accountId(), "/store/" + data.path("slug").asString()
                        + "/confirm", "token", data.path("token").asString()));
                model.put("expiresAt", WHEN.format(expiresAt));
            } else {
                model.put("company", data.path("company").asString());
                if (data.hasNonNull("reason")) {
                    model.put("reason", data.path("reason").asString());
                }
                model.put("signIn", publicUrl.base(message.accountId()) + "/login");
            }
            return Optional.of(new ComposedMail(List.of(data.path("email").asString()), message.accountId(),
                    data.path("language").asString("en"), ComposedMail.Category.ACCOUNT, model, List.of()));
        }
    }
}
