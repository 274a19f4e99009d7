package io.cascade.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;



/**
 * The real SMTP server of the test JVM (GreenMail): every mail the application sends in the tests arrives here, and the
 * tests read it as a mail client would — headers, text and HTML parts, attachments.
 */
public final class TestMail {
    private static final GreenMail SERVER = start();

    private TestMail() {
    }

    private static GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    static int port() {
        return SERVER.getSmtp().getPort();
    }

    /** Every mail that arrived for this address, oldest first. */
    public static List<MimeMessage> all(String to) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : SERVER.getReceivedMessages()) {
            if (addressedTo(message, to)) {
                found.add(message);
            }
        }
        return found;
    }

    /** Waits (up to 15 s) for a mail to this address whose subject contains the text, and returns the first one. */
    public static MimeMessage await(String to, String subjectContains) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> find(to, subjectContains), Optional::isPresent).orElseThrow();
    }

    /** A mail to this address whose subject contains the text, if one arrived. */
    public static Optional<MimeMessage> find(String to, String subjectContains) {
        return all(to).stream().filter(m -> subject(m).contains(subjectContains)).findFirst();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain-text part (or the whole body of a text-only mail). */
    public static String text(MimeMessage message) {
        return part(message, "text/plain").orElseThrow(() -> new AssertionError("no text part"));
    }

    /** The HTML part, if the mail has one. */
    public static Optional<String> html(MimeMessage message) {
        return part(message, "text/html");
    }

    /** The attachments: file name and bytes. */
    public static List<Attachment> attachments(MimeMessage message) {
        List<Attachment> found = new ArrayList<>();
        try {
            collect(message, found);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    public static String header(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? null : String.join(", ", values);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Attachment(String filename, String contentType, byte[] content) {
    }

    private static boolean addressedTo(MimeMessage message, String to) {
        try {
            return message.getAllRecipients() != null && Arrays.stream(message.getAllRecipients())
                    .anyMatch(a -> a instanceof InternetAddress ia && ia.getAddress().equalsIgnoreCase(to));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> part(Part part, String type) {
        try {
            if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return Optional.of(part.getContent().toString());
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    Optional<String> found = part(multipart.getBodyPart(i), type);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(Part part, List<Attachment> found) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), found);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part instanceof BodyPart body) {
            try (InputStream in = body.getInputStream()) {
                found.add(new Attachment(body.getFileName(), body.getContentType(), in.readAllBytes()));
            }
        }
    }

    /** The recipients of a mail as plain addresses. */
    public static List<String> to(Message message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .map(a -> ((InternetAddress) a).getAddress()).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
