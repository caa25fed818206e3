package io.pveflow.server.notifications;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import io.pveflow.server.web.InvalidInputException;

/**
 * Checks and normalises what an admin sends for a notifier, naming every wrong field ({@code settings.chatId}).
 * Secrets pass through untouched (they are only checked for presence and shape); everything else is
 * normalised: URLs without trailing slash, e-mail addresses parsed, priorities as numbers.
 */
final class NotifierValidator {

    /** Lower-case letters, digits and dashes, like cluster ids: safe in URLs and secret contexts. */
    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");
    private static final Pattern TELEGRAM_CHAT = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,63}");
    private static final Pattern NTFY_TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,512}");
    private static final Set<String> PARSE_MODES = Set.of("HTML", "MarkdownV2", "Markdown");
    private static final Map<String, Integer> NTFY_PRIORITIES = Map.of(
            "min", 1, "low", 2, "default", 3, "high", 4, "max", 5, "urgent", 5);
    static final String TELEGRAM_API = "https://api.telegram.org";
    static final String NTFY_SH = "https://ntfy.sh";

    private NotifierValidator() {
    }

    /**
     * A request that passed every rule. {@code secrets} holds the secrets given (to be stored), {@code
     * clearedSecrets} the optional secrets an empty string asked to remove.
     */
    record Valid(String name, NotifierType type, String description, boolean enabled, Map<String, Object> settings,
                 Map<String, String> secrets, Set<String> clearedSecrets) {

        @Override
        public String toString() {
            return "Valid[name=" + name + ", type=" + type + ", settings=" + settings + ", secrets=" + secrets.keySet() + "]";
        }
    }

    static Valid forCreate(NotifierRequest request) {
        return validate(request, request.name(), null, Set.of());
    }

    static Valid forUpdate(Notifier current, NotifierRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (request.name() != null && !request.name().equals(current.name())) {
            errors.put("name", "a notifier's name cannot change (rules refer to it); add a new one and remove this one");
        }
        if (request.type() != null && !request.type().trim().equalsIgnoreCase(current.type().name())) {
            errors.put("type", "a notifier's type cannot change; add a new notifier and remove this one");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Invalid notifier", errors);
        }
        return validate(request, current.name(), current.type(), current.secretsSet());
    }

    private static Valid validate(NotifierRequest request, String name, NotifierType fixedType, Set<String> stored) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name == null || name.isBlank()) {
            errors.put("name", "is required");
        } else if (!NAME.matcher(name).matches()) {
            errors.put("name", "must be 1 to 64 lower-case letters, digits or dashes, starting and ending with a "
                    + "letter or digit, got '" + name + "'");
        }
        NotifierType type = fixedType;
        if (type == null) {
            type = type(request.type(), errors);
        }
        String description = trimToNull(request.description());
        if (description != null && description.length() > 500) {
            errors.put("description", "must be at most 500 characters");
        }
        Map<String, Object> given = request.settings() == null ? Map.of() : request.settings();
        Settings settings = new Settings(given, errors, stored);
        if (type != null) {
            switch (type) {
                case SLACK -> settings.secret("webhookUrl", true, NotifierValidator::httpUrlProblem);
                case TELEGRAM -> telegram(settings);
                case EMAIL -> email(settings);
                case WEBHOOK -> {
                    settings.url("url", null);
                    settings.secret("signingSecret", true, s -> s.length() < 16 || s.length() > 512
                            ? "must be 16 to 512 characters (use a long random value)" : null);
                }
                case NTFY -> {
                    settings.url("serverUrl", NTFY_SH);
                    settings.pattern("topic", true, NTFY_TOPIC, "must be 1 to 64 letters, digits, '-' or '_'");
                    ntfyPriority(settings);
                    settings.stringList("tags", false);
                    settings.secret("accessToken", false, NotifierValidator::tokenProblem);
                }
                case GOTIFY -> {
                    settings.url("serverUrl", null);
                    settings.integer("priority", 0, 10, 5);
                    settings.secret("appToken", true, NotifierValidator::tokenProblem);
                }
            }
            settings.rejectUnknown(type);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Invalid notifier", errors);
        }
        return new Valid(name, type, description, request.enabled() == null || request.enabled(), settings.normalised,
                settings.secrets, settings.cleared);
    }

    private static NotifierType type(String given, Map<String, String> errors) {
        String known = "slack, telegram, email, webhook, ntfy or gotify";
        if (given == null || given.isBlank()) {
            errors.put("type", "is required: " + known);
            return null;
        }
        try {
            return NotifierType.valueOf(given.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("type", "must be " + known + ", got '" + given + "'");
            return null;
        }
    }

    private static void telegram(Settings settings) {
        settings.secret("botToken", true, token -> TELEGRAM_TOKEN.matcher(token).matches() ? null
                : "must be a bot token as BotFather gives it (<digits>:<letters, digits, - or _>)");
        String chat = settings.string("chatId", true);
        if (chat != null && !TELEGRAM_CHAT.matcher(chat).matches()) {
            settings.error("chatId", "must be a numeric chat id (e.g. -1001234567890) or @channelusername");
        } else if (chat != null) {
            settings.normalised.put("chatId", chat);
        }
        String mode = settings.string("parseMode", false);
        if (mode != null) {
            String match = PARSE_MODES.stream().filter(m -> m.equalsIgnoreCase(mode)).findFirst().orElse(null);
            if (match == null) {
                settings.error("parseMode", "must be HTML, MarkdownV2 or Markdown (or absent for plain text)");
            } else {
                settings.normalised.put("parseMode", match);
            }
        }
        settings.url("apiUrl", TELEGRAM_API);
    }

    private static void email(Settings settings) {
        String host = settings.string("host", true);
        if (host != null) {
            if (host.length() > 253 || host.contains("/") || host.contains(":") && !host.startsWith("[")
                    || host.chars().anyMatch(Character::isWhitespace)) {
                settings.error("host", "must be a host name or IP address only, without scheme or port");
            } else {
                settings.normalised.put("host", host.toLowerCase(Locale.ROOT));
            }
        }
        String security = settings.string("security", false);
        EmailSecurity mode = EmailSecurity.STARTTLS;
        if (security != null) {
            try {
                mode = EmailSecurity.valueOf(security.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                settings.error("security", "must be starttls (port 587), tls (implicit TLS, port 465) or none "
                        + "(plain SMTP, for a relay on the same host only), got '" + security + "'");
            }
        }
        settings.normalised.put("security", mode.name().toLowerCase(Locale.ROOT));
        settings.integer("port", 1, 65535, mode.defaultPort());
        String username = settings.string("username", false);
        if (username != null) {
            if (username.length() > 320) {
                settings.error("username", "must be at most 320 characters");
            } else {
                settings.normalised.put("username", username);
            }
        }
        settings.secret("password", username != null, p -> p.length() > 1024 ? "must be at most 1024 characters" : null);
        String from = settings.string("from", true);
        if (from != null) {
            String problem = addressProblem(from);
            if (problem != null) {
                settings.error("from", problem);
            } else {
                settings.normalised.put("from", from);
            }
        }
        List<String> to = settings.stringList("to", true);
        if (to != null) {
            for (int i = 0; i < to.size(); i++) {
                String problem = addressProblem(to.get(i));
                if (problem != null) {
                    settings.error("to[" + i + "]", problem);
                }
            }
        }
    }

    private static void ntfyPriority(Settings settings) {
        settings.read.add("priority");
        Object raw = settings.given.get("priority");
        if (raw == null) {
            return;
        }
        Integer priority = null;
        if (raw instanceof Number n && n.doubleValue() == n.intValue()) {
            priority = n.intValue();
        } else if (raw instanceof String s) {
            priority = NTFY_PRIORITIES.get(s.trim().toLowerCase(Locale.ROOT));
            if (priority == null && s.trim().matches("[0-9]")) {
                priority = Integer.parseInt(s.trim());
            }
        }
        if (priority == null || priority < 1 || priority > 5) {
            settings.error("priority", "must be 1 to 5 or min, low, default, high, max");
        } else {
            settings.normalised.put("priority", priority);
        }
    }

    static String addressProblem(String address) {
        if (address.length() > 320) {
            return "must be at most 320 characters";
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            String plain = parsed.getAddress();
            int at = plain.indexOf('@');
            if (at <= 0 || at == plain.length() - 1 || plain.indexOf('@', at + 1) >= 0) {
                return "must be an e-mail address like ops@example.com, got '" + address + "'";
            }
            return null;
        } catch (AddressException e) {
            return "must be an e-mail address like ops@example.com, got '" + address + "'";
        }
    }

    static String httpUrlProblem(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        if (uri.getScheme() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            return "must be an http:// or https:// URL";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "must name a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain user:password@";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a #fragment";
        }
        if (raw.length() > 2000) {
            return "must be at most 2000 characters";
        }
        return null;
    }

    private static String tokenProblem(String token) {
        return TOKEN.matcher(token).matches() ? null : "must be 1 to 512 printable characters without spaces";
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Reads one notifier's settings, collecting normalised values, secrets and errors. */
    private static final class Settings {
        final Map<String, Object> given;
        final Map<String, String> errors;
        final Set<String> stored;
        final Map<String, Object> normalised = new LinkedHashMap<>();
        final Map<String, String> secrets = new HashMap<>();
        final Set<String> cleared = new LinkedHashSet<>();
        final Set<String> read = new LinkedHashSet<>();

        Settings(Map<String, Object> given, Map<String, String> errors, Set<String> stored) {
            this.given = given;
            this.errors = errors;
            this.stored = stored;
        }

        void error(String field, String problem) {
            errors.put("settings." + field, problem);
        }

        String string(String field, boolean required) {
            read.add(field);
            Object raw = given.get(field);
            if (raw instanceof Number || raw instanceof Boolean) {
                raw = raw.toString();
            }
            if (raw != null && !(raw instanceof String)) {
                error(field, "must be a string");
                return null;
            }
            String value = trimToNull((String) raw);
            if (value == null && required) {
                error(field, "is required");
            }
            if (value != null && value.length() > 2000) {
                error(field, "must be at most 2000 characters");
                return null;
            }
            return value;
        }

        void url(String field, String defaultValue) {
            String value = string(field, defaultValue == null);
            if (value == null) {
                if (defaultValue != null) {
                    normalised.put(field, defaultValue);
                }
                return;
            }
            String problem = httpUrlProblem(value);
            if (problem == null && URI.create(value).getRawQuery() != null) {
                problem = "must not have a ?query";
            }
            if (problem != null) {
                error(field, problem);
            } else {
                normalised.put(field, value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            }
        }

        void pattern(String field, boolean required, Pattern pattern, String message) {
            String value = string(field, required);
            if (value != null && !pattern.matcher(value).matches()) {
                error(field, message);
            } else if (value != null) {
                normalised.put(field, value);
            }
        }

        void integer(String field, int min, int max, int defaultValue) {
            read.add(field);
            Object raw = given.get(field);
            if (raw == null) {
                normalised.put(field, defaultValue);
                return;
            }
            Integer value = null;
            if (raw instanceof Number n && n.doubleValue() == n.intValue()) {
                value = n.intValue();
            } else if (raw instanceof String s && s.trim().matches("-?[0-9]{1,9}")) {
                value = Integer.parseInt(s.trim());
            }
            if (value == null || value < min || value > max) {
                error(field, "must be a whole number from " + min + " to " + max);
            } else {
                normalised.put(field, value);
            }
        }

        List<String> stringList(String field, boolean required) {
            read.add(field);
            Object raw = given.get(field);
            List<String> values = new ArrayList<>();
            if (raw instanceof String s) {
                for (String part : s.split(",")) {
                    if (!part.isBlank()) {
                        values.add(part.trim());
                    }
                }
            } else if (raw instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof String s) || s.isBlank()) {
                        error(field + "[" + i + "]", "must be a non-empty string");
                        return null;
                    }
                    values.add(s.trim());
                }
            } else if (raw != null) {
                error(field, "must be a list of strings");
                return null;
            }
            if (values.isEmpty()) {
                if (required) {
                    error(field, "is required (at least one)");
                }
                return required ? null : values;
            }
            if (values.size() > 50) {
                error(field, "must have at most 50 entries");
                return null;
            }
            normalised.put(field, List.copyOf(values));
            return values;
        }

        /** A write-only value: given, kept (absent or null) or cleared (empty string, optional ones only). */
        void secret(String field, boolean required, java.util.function.Function<String, String> check) {
            read.add(field);
            Object raw = given.get(field);
            if (raw != null && !(raw instanceof String)) {
                error(field, "must be a string");
                return;
            }
            String value = (String) raw;
            if (value != null && value.isBlank()) {
                if (required) {
                    error(field, "is required and cannot be removed");
                } else {
                    cleared.add(field);
                }
                return;
            }
            if (value == null) {
                if (required && !stored.contains(field)) {
                    error(field, "is required");
                }
                return;
            }
            String problem = check.apply(value.trim());
            if (problem != null) {
                error(field, problem);
            } else {
                secrets.put(field, value.trim());
            }
        }

        void rejectUnknown(NotifierType type) {
            for (String key : given.keySet()) {
                if (!read.contains(key)) {
                    error(key, "is not a setting of a " + type.jsonName() + " notifier (known: "
                            + String.join(", ", read) + ")");
                }
            }
        }
    }
}
