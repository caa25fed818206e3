package io.pveflow.pve.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.pveflow.pve.client.http.ApiResponse;

/** Small helpers shared by the API groups. */
final class Calls {

    private Calls() {
    }

    /** Parameters from name/value pairs, then the options' parameters (which may not override the pairs). */
    static Map<String, Object> params(RequestOptions<?> options, Object... pairs) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        if (options != null) {
            options.toMap().forEach((k, v) -> {
                if (params.containsKey(k)) {
                    throw PveApiException.invalidParam(k, "is given as an argument, not as an option");
                }
                params.put(k, v);
            });
        }
        return params;
    }

    static Map<String, Object> params(Object... pairs) {
        return params(null, pairs);
    }

    /** The UPID an asynchronous call answers; anything else is a server fault. */
    static Upid upid(ApiResponse response, String what) {
        return optionalUpid(response, what).orElseThrow(() -> new PveApiException(PveErrorCode.SERVER, 200,
                what + ": expected a task id (UPID), got no task"));
    }

    /** For calls that answer a UPID on some versions and null on others (resize before qemu-server 8, CT template). */
    static Optional<Upid> optionalUpid(ApiResponse response, String what) {
        if (response.isNull()) {
            return Optional.empty();
        }
        String text = response.data().asText();
        if (!Upid.isUpid(text)) {
            throw new PveApiException(PveErrorCode.SERVER, 200, what + ": expected a task id (UPID), got '" + text
                    + "'");
        }
        return Optional.of(Upid.parse(text));
    }
}
