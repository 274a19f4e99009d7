package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.accounts.api.Signatures;
import io.cascade.shared.Caller;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The MAIL channel: composes each claimed mail with the composer of its kind, renders it in its issuer's templates and
 * language, records what was rendered, and sends the batch over one SMTP connection. Without an SMTP host the mail is
 * kept as HELD instead (shown in the sent-mail view, sent once a host is set).
 */
@Component
class MailChannel implements OutboxChannel {
    /** The error text of a {@link Delivery} that means "kept, no SMTP host": the store marks the message HELD. */
    static final String HELD = "HELD";

    private static final Logger log = LoggerFactory.getLogger(MailChannel.class);

    private final Map<String, MailComposer> composers;
    private final MailTemplates templates;
    private final MailTransport transport;
    private final OutboxStore store;
    private final AccountManagement accounts;
    private final AccountScope scope;
    private volatile Caller platform;

    MailChannel(List<MailComposer> composers, MailTemplates templates, MailTransport transport, OutboxStore store,
                AccountManagement accounts, AccountScope scope) {
        this.composers = composers.stream().collect(Collectors.toMap(MailComposer::kind, Function.identity()));
        this.templates = templates;
        this.transport = transport;
        this.store = store;
        this.accounts = accounts;
        this.scope = scope;
    }

    @Override
    public Channel channel() {
        return Channel.MAIL;
    }

    @Override
    public List<Delivery> send(List<OutboxMessage> batch) {
        List<Delivery> outcomes = new ArrayList<>(batch.size());
        Map<MimeMessage, UUID> prepared = new LinkedHashMap<>();
        Session session = transport.configured() ? transport.sender().getSession() : Session.getInstance(new java.util.Properties());
        for (OutboxMessage message : batch) {
            try {
                Optional<MimeMessage> mime = prepare(message, session);
                if (mime.isEmpty()) {
                    outcomes.add(Delivery.ok(message.id(), null));
                } else if (!transport.configured()) {
                    outcomes.add(Delivery.failed(message.id(), false, null, HELD));
                } else {
                    prepared.put(mime.get(), message.id());
                }
            } catch (RuntimeException | MessagingException | UnsupportedEncodingException e) {
                log.warn("Mail {} ({}) could not be composed: {}", message.id(), message.kind(), e.toString());
                outcomes.add(Delivery.failed(message.id(), true, null, "not composed: " + e.getMessage()));
            }
        }
        if (!prepared.isEmpty()) {
            outcomes.addAll(transmit(prepared));
        }
        return outcomes;
    }

    private List<Delivery> transmit(Map<MimeMessage, UUID> prepared) {
        List<Delivery> outcomes = new ArrayList<>(prepared.size());
        Map<Object, Exception> failed = new HashMap<>();
        try {
            transport.sender().send(prepared.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            failed.putAll(e.getFailedMessages());
            if (failed.isEmpty()) {
                prepared.keySet().forEach(m -> failed.put(m, e));
            }
        } catch (MailAuthenticationException e) {
            prepared.keySet().forEach(m -> failed.put(m, e));
        } catch (MailException e) {
            prepared.keySet().forEach(m -> failed.put(m, e));
        }
        prepared.forEach((mime, id) -> {
            Exception error = failed.get(mime);
            outcomes.add(error == null ? Delivery.ok(id, null)
                    : Delivery.failed(id, true, null, "SMTP: " + rootMessage(error)));
        });
        return outcomes;
    }

    private Optional<MimeMessage> prepare(OutboxMessage message, Session session)
            throws MessagingException, UnsupportedEncodingException {
        MailComposer composer = composers.get(message.kind());
        if (composer == null) {
            throw new IllegalStateException("no composer for mail kind " + message.kind());
        }
        Optional<ComposedMail> composed = composer.compose(message);
        if (composed.isEmpty() || composed.get().to().isEmpty()) {
            store.recordRendered(message.id(), null, null, null, null, List.of(),
                    new RenderedMail("(nobody to send it to)", "", null), List.of());
            return Optional.empty();
        }
        ComposedMail mail = composed.get();
        AccountView issuer = accounts.get(platform(), mail.issuerId());
        Map<String, Object> model = new HashMap<>(mail.model());
        model.putIfAbsent("brand", Map.of("name", issuer.companyName()));
        model.putIfAbsent("signature", signature(issuer.signatures(), mail.category()));
        String lang = templates.language(message.kind(), mail.locale());
        RenderedMail rendered = templates.render(message.kind(), mail.issuerId(), lang, model);
        InternetAddress from = new InternetAddress(transport.from().getAddress(), issuer.companyName(), "UTF-8");
        InternetAddress replyTo = issuer.contact() != null && issuer.contact().email() != null
                ? new InternetAddress(issuer.contact().email(), issuer.companyName(), "UTF-8") : null;
        store.recordRendered(message.id(), mail.issuerId(), lang, from.toUnicodeString(),
                replyTo == null ? null : replyTo.toUnicodeString(), mail.to(), rendered,
                mail.attachments().stream().map(MailAttachment::filename).toList());

        MimeMessage mime = new StableIdMessage(session, message.id());
        boolean multipart = rendered.html() != null || !mail.attachments().isEmpty();
        MimeMessageHelper helper = new MimeMessageHelper(mime, multipart, "UTF-8");
        helper.setFrom(from);
        if (replyTo != null) {
            helper.setReplyTo(replyTo);
        }
        helper.setTo(mail.to().stream().map(MailChannel::address).toArray(InternetAddress[]::new));
        helper.setSubject(rendered.subject());
        if (rendered.html() != null) {
            helper.setText(rendered.text(), rendered.html());
        } else {
            helper.setText(rendered.text());
        }
        for (MailAttachment attachment : mail.attachments()) {
            helper.addAttachment(attachment.filename(), new ByteArrayResource(attachment.content()),
                    attachment.contentType());
        }
        mime.setHeader("X-Cascade-Kind", message.kind());
        return Optional.of(mime);
    }

    private static InternetAddress address(String email) {
        try {
            InternetAddress address = new InternetAddress(email, true);
            address.validate();
            return address;
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("not an e-mail address: " + email, e);
        }
    }

    private static String signature(Signatures signatures, ComposedMail.Category category) {
        if (signatures == null || category == null) {
            return "";
        }
        String text = switch (category) {
            case BILLING -> signatures.billing();
            case SUPPORT -> signatures.support();
            case ACCOUNT -> null;
        };
        return text == null ? "" : text;
    }

    private Caller platform() {
        Caller caller = platform;
        if (caller == null) {
            ScopedAccount provider = scope.provider().orElseThrow();
            caller = Caller.system(provider.id(), provider.path(), "outbox");
            platform = caller;
        }
        return caller;
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** A MIME message whose Message-ID is the outbox message's, the same at every attempt. */
    private static final class StableIdMessage extends MimeMessage {
        private final UUID id;

        StableIdMessage(Session session, UUID id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + "@cascade>");
        }
    }
}
