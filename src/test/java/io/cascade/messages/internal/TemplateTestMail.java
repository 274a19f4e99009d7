package io.cascade.messages.internal;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A mail kind that exists only in the tests, to exercise templates and senders: {@code template-test}
 * (src/test/resources/messages/template-test). Its facts say to whom, from which issuer, in which language, which
 * department signs it, and what the notice holds.
 */
@Component
class TemplateTestMail implements MailComposer {
    @Override
    public String kind() {
        return "template-test";
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        JsonNode data = message.data();
        List<Map<String, Object>> items = new ArrayList<>();
        data.path("items").forEach(item -> items.add(Map.of("label", item.asString())));
        return Optional.of(new ComposedMail(List.of(data.path("to").asString()),
                UUID.fromString(data.path("issuer").asString()), data.path("locale").asString("en"),
                ComposedMail.Category.valueOf(data.path("category").asString("ACCOUNT")),
                Map.of("notice", Map.of("number", data.path("number").asString("")),
                        "customer", Map.of("name", data.path("customer").asString("")),
                        "recipient", Map.of("name", data.path("recipient").asString("")),
                        "items", items),
                List.of()));
    }
}
