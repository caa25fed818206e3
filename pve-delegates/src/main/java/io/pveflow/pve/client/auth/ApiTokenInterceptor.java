package io.pveflow.pve.client.auth;

import java.io.IOException;

import io.pveflow.pve.client.PveCredentials;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds {@code Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET}. Token calls need no CSRF token. */
public final class ApiTokenInterceptor implements Interceptor {

    private final String header;

    public ApiTokenInterceptor(PveCredentials.ApiToken token) {
        this.header = "PVEAPIToken=" + token.tokenId() + "=" + token.secret();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder().header("Authorization", header).build());
    }

    @Override
    public String toString() {
        return "ApiTokenInterceptor[****]";
    }
}
