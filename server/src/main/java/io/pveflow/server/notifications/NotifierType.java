package io.pveflow.server.notifications;

import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The services a notifier can reach, and which of each one's settings are secret (write-only, encrypted at
 * rest). In JSON a type is written in lower case ({@code "slack"}).
 */
public enum NotifierType {

    /** Slack incoming webhook; the URL embeds the token. */
    SLACK(Set.of("webhookUrl")),
    /** Telegram Bot API {@code sendMessage}. */
    TELEGRAM(Set.of("botToken")),
    /** E-mail over SMTP. */
    EMAIL(Set.of("password")),
    /** A JSON POST signed with HMAC-SHA256, for anything else. */
    WEBHOOK(Set.of("signingSecret")),
    /** ntfy (self-hosted or ntfy.sh). */
    NTFY(Set.of("accessToken")),
    /** Gotify. */
    GOTIFY(Set.of("appToken"));

    private final Set<String> secretFields;

    NotifierType(Set<String> secretFields) {
        this.secretFields = secretFields;
    }

    /** The settings of this type that are secrets. */
    public Set<String> secretFields() {
        return secretFields;
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static NotifierType parse(String value) {
        return value == null ? null : NotifierType.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
