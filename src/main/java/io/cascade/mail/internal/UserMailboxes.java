package io.cascade.mail.internal;

import io.cascade.identity.api.OwnServices;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A service user's mailbox, as {@code GET /api/v1/me} lists it. */
@Component
class UserMailboxes implements OwnServices {
    private final Mailboxes mailboxes;

    UserMailboxes(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    @Override
    public List<?> of(UUID userId) {
        return mailboxes.ofUser(userId).stream().map(m -> {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("type", "mailbox");
            service.put("address", m.address());
            service.put("quotaMb", m.quotaMb());
            service.put("state", m.state());
            service.put("subscriptionId", m.subscriptionId());
            service.put("serviceId", m.serviceId());
            return service;
        }).toList();
    }
}
