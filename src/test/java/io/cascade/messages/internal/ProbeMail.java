package io.cascade.messages.internal;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A mail kind that exists only in the tests, to exercise the outbox itself: its facts say to whom, from which issuer,
 * in which language, and until which attempt composing it fails.
 */
@Component
class ProbeMail implements MailComposer {
    @Override
    public String kind() {
        return "probe";
    }

    @Override
    public Optional<ComposedMail> compose(OutboxMessage message) {
        if (message.attempts() <= message.data().path("failUntilAttempt").asInt(0)) {
            throw new IllegalStateException("probe fails at attempt " + message.attempts());
        }
        String to = message.data().path("to").asString("");
        if (to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ComposedMail(List.of(to), UUID.fromString(message.data().path("issuer").asString()),
                message.data().path("locale").asString("en"), ComposedMail.Category.BILLING,
                Map.of("name", message.data().path("name").asString(""), "attempt", message.attempts()),
                List.of(new MailAttachment("probe.csv", "text/csv",
                        "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)))));
    }
}
