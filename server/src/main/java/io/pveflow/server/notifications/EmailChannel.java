package io.pveflow.server.notifications;

import java.io.IOException;
import java.util.Properties;

import jakarta.mail.MessagingException;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP: STARTTLS (required, never falling back to plain text), implicit TLS, or none for a local
 * relay; the server certificate's host name is checked; authentication when a user name is set. Connection
 * problems and SMTP 4xx replies are transient, everything else (authentication, 5xx) is not.
 */
@Component
class EmailChannel implements Channel {

    private final NotificationProperties properties;

    EmailChannel(NotificationProperties properties) {
        this.properties = properties;
    }

    @Override
    public NotifierType type() {
        return NotifierType.EMAIL;
    }

    @Override
    public void deliver(NotifierTarget target, OutgoingMessage message) throws DeliveryFailure {
        JavaMailSenderImpl sender = sender(target);
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(target.setting("from"));
        mail.setTo(target.listSetting("to").toArray(String[]::new));
        mail.setSubject(message.subject().replaceAll("[\\r\\n]+", " "));
        mail.setText(message.text());
        String where = sender.getHost() + ":" + sender.getPort();
        try {
            sender.send(mail);
        } catch (MailAuthenticationException e) {
            throw DeliveryFailure.permanent("SMTP authentication failed at " + where + ": " + rootMessage(e));
        } catch (MailSendException e) {
            throw classify(e, where);
        } catch (MailException e) {
            throw classify(e, where);
        }
    }

    JavaMailSenderImpl sender(NotifierTarget target) {
        EmailSecurity security = EmailSecurity.valueOf(target.setting("security").toUpperCase(java.util.Locale.ROOT));
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(target.setting("host"));
        sender.setPort(target.intSetting("port", security.defaultPort()));
        sender.setDefaultEncoding("UTF-8");
        String protocol = security == EmailSecurity.TLS ? "smtps" : "smtp";
        sender.setProtocol(protocol);
        Properties mail = new Properties();
        String prefix = "mail." + protocol + ".";
        boolean auth = target.setting("username") != null;
        if (auth) {
            sender.setUsername(target.setting("username"));
            sender.setPassword(target.secret("password"));
        }
        mail.put(prefix + "auth", Boolean.toString(auth));
        mail.put(prefix + "connectiontimeout", Long.toString(properties.connectTimeout().toMillis()));
        mail.put(prefix + "timeout", Long.toString(properties.requestTimeout().toMillis()));
        mail.put(prefix + "writetimeout", Long.toString(properties.requestTimeout().toMillis()));
        switch (security) {
            case STARTTLS -> {
                mail.put(prefix + "starttls.enable", "true");
                mail.put(prefix + "starttls.required", "true");
                mail.put(prefix + "ssl.checkserveridentity", "true");
            }
            case TLS -> {
                mail.put(prefix + "ssl.enable", "true");
                mail.put(prefix + "ssl.checkserveridentity", "true");
            }
            case NONE -> mail.put(prefix + "starttls.enable", "false");
        }
        sender.setJavaMailProperties(mail);
        return sender;
    }

    private static DeliveryFailure classify(MailException e, String where) {
        String text = "SMTP delivery via " + where + " failed: " + rootMessage(e);
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return DeliveryFailure.retryable(text);
            }
            if (cause instanceof MessagingException messaging && smtpReplyCode(messaging) / 100 == 4) {
                return DeliveryFailure.retryable(text);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (e instanceof MailSendException send) {
            for (Exception failed : send.getFailedMessages().values()) {
                for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                    if (cause instanceof IOException) {
                        return DeliveryFailure.retryable(text);
                    }
                    if (cause instanceof MessagingException messaging && smtpReplyCode(messaging) / 100 == 4) {
                        return DeliveryFailure.retryable(text);
                    }
                }
            }
        }
        return DeliveryFailure.permanent(text);
    }

    /** The SMTP reply code of Angus Mail's SMTP exceptions (read without depending on the implementation). */
    private static int smtpReplyCode(MessagingException e) {
        try {
            Object code = e.getClass().getMethod("getReturnCode").invoke(e);
            return code instanceof Integer i ? i : -1;
        } catch (ReflectiveOperationException notSmtp) {
            return -1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable deepest = e;
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            deepest = cause;
        }
        if (e instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
            Exception failed = send.getFailedMessages().values().iterator().next();
            Throwable inner = failed;
            while (inner.getCause() != null && inner.getCause() != inner) {
                inner = inner.getCause();
            }
            text.append(failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage().strip());
            if (inner != failed && inner.getMessage() != null) {
                text.append(" (").append(inner.getMessage().strip()).append(")");
            }
            return text.toString().replaceAll("\\s+", " ");
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        if (deepest != e && e.getMessage() != null && !e.getMessage().contains(message)) {
            message = e.getMessage() + " (" + message + ")";
        }
        return message.strip().replaceAll("\\s+", " ");
    }
}
