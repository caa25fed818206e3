package io.pveflow.pve.client.http;

import java.io.IOException;

import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Whether one attempt got as far as writing the request. Attached to each attempt as a request tag; the network
 * interceptor below flips it once a connection exists and the request is about to go out. A failure while it is
 * still false happened before any byte reached a server, so any method may be tried elsewhere or again.
 */
public final class AttemptState {

    private volatile boolean sent;

    public boolean sent() {
        return sent;
    }

    /** The network interceptor: OkHttp calls network interceptors only after it holds a connection. */
    public static final class MarkSent implements Interceptor {
        @Override
        public Response intercept(Chain chain) throws IOException {
            AttemptState state = chain.request().tag(AttemptState.class);
            if (state != null) {
                state.sent = true;
            }
            return chain.proceed(chain.request());
        }
    }
}
