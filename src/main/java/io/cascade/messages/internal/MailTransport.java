package io.cascade.messages.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import java.util.Properties;

/**
 * The SMTP server mail goes out through ({@code cascade.mail.*}, environment {@code CASCADE_MAIL_HOST}, ...). Without a
 * host there is none: mail is then composed and kept as HELD, and shown in the provider's sent-mail view.
 */
@Component
class MailTransport {
    /**
     * Jakarta Mail 2.1 looks its stream provider up on the class path (a {@code ServiceLoader} walk over every jar)
     * for each body part it creates or writes, unless this system property names it; naming the provider that ships
     * with it (Angus Mail) makes a mail several times cheaper to build and send. A value set at start-up is kept.
     */
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(STREAM_PROVIDER) == null) {
            try {
                Class.forName(angus, false, MailTransport.class.getClassLoader());
                System.setProperty(STREAM_PROVIDER, angus);
            } catch (ClassNotFoundException e) {
                // another Jakarta Mail implementation: it is found on the class path as before
            }
        }
    }

    private final JavaMailSenderImpl sender;
    private final InternetAddress from;

    MailTransport(@Value("${cascade.mail.host:}") String host,
                  @Value("${cascade.mail.port:25}") int port,
                  @Value("${cascade.mail.username:}") String username,
                  @Value("${cascade.mail.password:}") String password,
                  @Value("${cascade.mail.starttls:false}") boolean starttls,
                  @Value("${cascade.mail.from:noreply@cascade.local}") String from,
                  @Value("${cascade.mail.timeout:PT10S}") java.time.Duration timeout) {
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("cascade.mail.from is not an e-mail address: " + from, e);
        }
        if (host == null || host.isBlank()) {
            this.sender = null;
            return;
        }
        JavaMailSenderImpl smtp = new JavaMailSenderImpl();
        smtp.setHost(host.strip());
        smtp.setPort(port);
        smtp.setDefaultEncoding("UTF-8");
        Properties properties = smtp.getJavaMailProperties();
        String millis = Long.toString(timeout.toMillis());
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        if (username != null && !username.isBlank()) {
            smtp.setUsername(username);
            smtp.setPassword(password);
            properties.put("mail.smtp.auth", "true");
        }
        if (starttls) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        this.sender = smtp;
    }

    /** True when an SMTP host is set. */
    boolean configured() {
        return sender != null;
    }

    /** The SMTP sender; only when {@link #configured()}. */
    JavaMailSenderImpl sender() {
        if (sender == null) {
            throw new IllegalStateException("no SMTP host is set (cascade.mail.host)");
        }
        return sender;
    }

    /** The platform's own sender address ({@code cascade.mail.from}). */
    InternetAddress from() {
        return from;
    }
}
