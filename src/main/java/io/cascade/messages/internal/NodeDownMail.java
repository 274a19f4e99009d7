package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountView;
import io.cascade.nodes.api.NodeWentDown;
import io.cascade.shared.Privilege;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code node-down}: a service node failed its health probes and is DOWN. Queued once per outage, in the transaction
 * that records it; to the provider's active staff holding {@code CATALOG_MANAGE} (who manage the nodes), in the
 * provider's language and brand, with what the last probe found.
 */
@Component
class NodeDownMail implements MailComposer {
    static final String KIND = "node-down";

    private final Outbox outbox;
    private final MailParties parties;

    NodeDownMail(Outbox outbox, MailParties parties) {
        this.outbox = outbox;
        this.parties = parties;
    }

    @EventListener
    void on(NodeWentDown event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("nodeId", event.nodeId().toString());
        data.put("name", event.name());
        data.put("address", event.address());
        data.put("failures", event.failures());
        data.put("lastError", event.lastError() == null ? "" : event.lastError());
        data.put("downSince", event.downSince().toString());
        outbox.mail(KIND, parties.platform().accountId(), data);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        Optional<AccountView> provider = parties.account(message.accountId());
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        MailParties.Recipients to = parties.holding(provider.get().id(), Privilege.CATALOG_MANAGE);
        if (to.none()) {
            return Optional.empty();
        }
        var model = MailParties.values(
                "node", MailParties.values("id", MessageData.text(message, "nodeId"),
                        "name", MessageData.text(message, "name"), "address", MessageData.text(message, "address"),
                        "failures", message.data().path("failures").asInt(),
                        "lastError", MessageData.text(message, "lastError"),
                        "downSince", MessageData.text(message, "downSince")),
                "recipient", MailParties.values("name", to.name()));
        return Optional.of(new ComposedMail(to.to(), provider.get().id(), provider.get().locale(),
                ComposedMail.Category.SUPPORT, model, List.of()).readBy(provider.get()));
    }
}
