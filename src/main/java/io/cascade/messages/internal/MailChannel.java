package io.cascade.messages.internal;

import io.cascade.accounts.api.AccountManagement;
import io.cascade.accounts.api.AccountView;
import io.cascade.accounts.api.Signatures;
import io.cascade.messages.api.MailTemplateParts;
import jakarta.activation.FileTypeMap;
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
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
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
 * language and in its brand ({@link MailBrands}: sender, header, footer, signature block), records what was rendered, and sends the batch over one SMTP connection. Without an SMTP host the mail is
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
    private final MailParties parties;
    private final Senders senders;
    private final MailBrands brands;

    MailChannel(List<MailComposer> composers, MailTemplates templates, MailTransport transport, OutboxStore store,
                AccountManagement accounts, MailParties parties, Senders senders, MailBrands brands) {
        this.brands = brands;
        this.composers = composers.stream().collect(Collectors.toMap(MailComposer::kind, Function.identity()));
        this.templates = templates;
        this.transport = transport;
        this.store = store;
        this.accounts = accounts;
        this.parties = parties;
        this.senders = senders;
    }

    @Override
    public Channel channel() {
        return Channel.MAIL;
    }

    @Override
    public List<Delivery> send(List<OutboxMessage> batch) {
        List<Delivery> outcomes = new ArrayList<>(batch.size());
        Map<MimeMessage, UUID> prepared = new LinkedHashMap<>();
        List<OutboxStore.Rendered> rendered = new ArrayList<>(batch.size());
        // a batch's mails mostly come from a few issuers: each one's account, sender and templates are read once
        BatchReads issuers = new BatchReads();
        Session session = transport.configured() ? transport.sender().getSession() : Session.getInstance(new java.util.Properties());
        for (OutboxMessage message : batch) {
            try {
                Optional<MimeMessage> mime = prepare(message, session, rendered, issuers);
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
        // what was rendered, for the sent-mail views: one statement for the batch, before anything is sent
        store.recordRendered(rendered);
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

    private Optional<MimeMessage> prepare(OutboxMessage message, Session session, List<OutboxStore.Rendered> records,
                                          BatchReads issuers)
            throws MessagingException, UnsupportedEncodingException {
        MailComposer composer = composers.get(message.kind());
        if (composer == null) {
            throw new IllegalStateException("no composer for mail kind " + message.kind());
        }
        Optional<ComposedMail> composed = composer.compose(message);
        if (composed.isEmpty() || composed.get().to().isEmpty()) {
            records.add(new OutboxStore.Rendered(message.id(), null, null, null, null, List.of(),
                    new RenderedMail("(nobody to send it to)", "", null), List.of()));
            return Optional.empty();
        }
        ComposedMail mail = composed.get();
        AccountView issuer = issuers.accounts.computeIfAbsent(mail.issuerId(), id -> accounts.get(parties.platform(), id));
        Map<String, Object> model = new HashMap<>(mail.model());
        MailBrands.MailBrand brand = issuers.brands.computeIfAbsent(mail.reader() == null
                        ? List.of("issuer", String.valueOf(issuer.id()))
                        : List.of("reader", mail.reader().accountPath(), String.valueOf(mail.reader().vendor())),
                key -> brands.of(issuer, mail.reader()));
        model.putIfAbsent("brand", brand.model());
        model.putIfAbsent("signature", signature(issuer.signatures(), mail.category()));
        String lang = templates.language(message.kind(), mail.locale());
        RenderedMail plain = MailTemplates.render(issuers.templates.computeIfAbsent(
                List.of(message.kind(), String.valueOf(mail.issuerId()), lang),
                key -> templates.parts(message.kind(), mail.issuerId(), lang)), model);
        RenderedMail rendered = new RenderedMail(plain.subject(), MailBrands.text(plain.text(), brand),
                MailBrands.html(plain.html(), brand));
        Senders.Sender sender = Senders.branded(
                issuers.senders.computeIfAbsent(issuer.id(), id -> senders.forIssuer(issuer)), brand);
        InternetAddress from = sender.fromAddress();
        InternetAddress replyTo = sender.replyTo() != null
                ? new InternetAddress(sender.replyTo(), brand.name(), "UTF-8") : null;
        // what the sent-mail views keep: the mail as it goes out, one-time links redacted; held mail in full
        records.add(new OutboxStore.Rendered(message.id(), mail.issuerId(), lang, from.toUnicodeString(),
                replyTo == null ? null : replyTo.toUnicodeString(), mail.to(),
                transport.configured() ? Secrets.redact(rendered, message.data()) : rendered,
                mail.attachments().stream().map(MailAttachment::filename).toList()));

        MimeMessage mime = new StableIdMessage(session, message.id());
        boolean multipart = rendered.html() != null || !mail.attachments().isEmpty();
        MimeMessageHelper helper = new Helper(mime, multipart);
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

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** What one batch reads about its issuers, each once: accounts, senders, templates by kind and language. */
    private static final class BatchReads {
        final Map<UUID, AccountView> accounts = new HashMap<>();
        final Map<UUID, Senders.Sender> senders = new HashMap<>();
        final Map<List<String>, MailTemplateParts> templates = new HashMap<>();
        final Map<List<String>, MailBrands.MailBrand> brands = new HashMap<>();
    }

    /**
     * Spring's helper with one MIME type map for all mails: its own default builds a new one per message, reading the
     * type files and looking up providers on the class path each time (most of a mail's CPU).
     */
    private static final class Helper extends MimeMessageHelper {
        private static final ConfigurableMimeFileTypeMap TYPES = new ConfigurableMimeFileTypeMap();

        static {
            TYPES.afterPropertiesSet();
        }

        Helper(MimeMessage mime, boolean multipart) throws MessagingException {
            super(mime, multipart, "UTF-8");
        }

        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
            return TYPES;
        }
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
