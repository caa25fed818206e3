package io.pveflow.server.notifications;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.stereotype.Component;

/**
 * ntfy: {@code POST <serverUrl>/<topic>} with the message as the plain-text body and the subject in the
 * {@code Title} header (RFC 2047-encoded when it is not ASCII, which ntfy decodes); {@code Priority} and
 * {@code Tags} when set; {@code Authorization: Bearer <accessToken>} when a token is set.
 */
@Component
class NtfyChannel implements Channel {

    private final HttpDelivery http;

    NtfyChannel(HttpDelivery http) {
        this.http = http;
    }

    @Override
    public NotifierType type() {
        return NotifierType.NTFY;
    }

    @Override
    public void deliver(NotifierTarget target, OutgoingMessage message) throws DeliveryFailure {
        URI uri = URI.create(target.setting("serverUrl") + "/"
                + URLEncoder.encode(target.setting("topic"), StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpDelivery.post(uri, "text/plain; charset=utf-8", message.text())
                .header("Title", headerValue(message.subject()));
        if (target.settings().get("priority") != null) {
            request.header("Priority", target.setting("priority"));
        }
        if (!target.listSetting("tags").isEmpty()) {
            request.header("Tags", headerValue(String.join(",", target.listSetting("tags"))));
        }
        if (target.secret("accessToken") != null) {
            request.header("Authorization", "Bearer " + target.secret("accessToken"));
        }
        http.send(request);
    }

    /** One line; plain when printable ASCII, else an RFC 2047 encoded-word. */
    static String headerValue(String text) {
        String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        if (line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return line;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
