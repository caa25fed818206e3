package io.pveflow.pve.client.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * The JSON mapper for answers. Proxmox is loose with types: numbers arrive as strings ({@code nextid},
 * counters of some plugins), booleans as 0/1 or "1", new fields appear in every release. Results therefore
 * accept a number or a string for numbers, 0/1/true/false/"0"/"1" for booleans, and ignore unknown fields.
 */
public final class PveJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .addModule(new SimpleModule("pve-lenient")
                    .addDeserializer(Boolean.class, new LenientBoolean()))
            .build();

    private PveJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** 1, 0, true, false, "1", "0", "true", "false", "" (false). */
    static final class LenientBoolean extends JsonDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE) {
                return true;
            }
            if (t == JsonToken.VALUE_FALSE) {
                return false;
            }
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue() != 0;
            }
            if (t == JsonToken.VALUE_STRING) {
                String s = p.getText().trim().toLowerCase();
                return switch (s) {
                    case "1", "true", "yes", "on" -> true;
                    case "0", "false", "no", "off", "" -> false;
                    default -> (Boolean) ctx.handleWeirdStringValue(Boolean.class, s, "not a boolean");
                };
            }
            return (Boolean) ctx.handleUnexpectedToken(Boolean.class, p);
        }

        @Override
        public Boolean getNullValue(DeserializationContext ctx) {
            return null;
        }
    }
}
