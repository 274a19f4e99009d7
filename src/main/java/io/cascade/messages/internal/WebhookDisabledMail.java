package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountView;
import io.cascade.identity.api.StaffRecipients;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notice that a webhook endpoint was disabled ({@link WebhookHealth}): to the endpoint's account's active
 * administrators, in the account's language, under its vendor's brand (the provider's own endpoints: its own).
 * Nobody to tell (no active administrator): nothing is sent.
 */
@Component
class WebhookDisabledMail implements MailComposer {
    private final StaffRecipients staff;
    private final MailParties parties;

    WebhookDisabledMail(StaffRecipients staff, MailParties parties) {
        this.staff = staff;
        this.parties = parties;
    }

    @Override
    public String kind() {
        return WebhookHealth.MAIL_KIND;
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        List<String> to = staff.administrators(List.of(message.accountId()))
                .getOrDefault(message.accountId(), List.of()).stream()
                .map(StaffRecipients.Recipient::email).toList();
        if (to.isEmpty()) {
            return Optional.empty();
        }
        Optional<AccountView> found = parties.account(message.accountId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AccountView account = found.get();
        JsonNode data = message.data();
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("id", data.path("endpointId").asString());
        endpoint.put("url", data.path("url").asString());
        endpoint.put("gone", data.path("gone").asBoolean(false));
        endpoint.put("failingSince", data.hasNonNull("failingSince") ? data.path("failingSince").asString()
                : data.path("disabledAt").asString());
        endpoint.put("disabledAt", data.path("disabledAt").asString());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("endpoint", endpoint);
        model.put("account", Map.of("id", account.id().toString(), "name", account.companyName()));
        return Optional.of(new ComposedMail(to, parties.vendorOf(account), account.locale(), ComposedMail.Category.ACCOUNT, model, List.of())
                .readBy(account));
    }
}
