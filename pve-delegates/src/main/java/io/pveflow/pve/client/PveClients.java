package io.pveflow.pve.client;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.pveflow.pve.client.auth.ApiTokenInterceptor;
import io.pveflow.pve.client.auth.TicketInterceptor;
import io.pveflow.pve.client.auth.TicketSession;
import io.pveflow.pve.client.http.AttemptState;
import io.pveflow.pve.client.http.FailoverInterceptor;
import io.pveflow.pve.client.http.RetryInterceptor;
import io.pveflow.pve.client.tls.TlsSetup;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * Makes {@link PveClient}s. Holds one OkHttp client whose connection pool and dispatcher every cluster's client
 * shares (OkHttp keeps connections apart by host, port and TLS settings), so create one {@code PveClients} per
 * application and one {@link PveClient} per cluster.
 *
 * <pre>{@code
 * PveClients clients = new PveClients();
 * PveClient pve = clients.newClient(PveClusterConfig.builder()
 *         .endpoint("pve1.example.com").endpoint("pve2.example.com")
 *         .apiToken("pveflow@pve!automation", secret)
 *         .trust(TlsTrust.fingerprints("AB:CD:..."))
 *         .build());
 * Upid task = pve.guests().start(GuestRef.qemu("pve1", 100));
 * }</pre>
 */
public final class PveClients implements AutoCloseable {

    private final OkHttpClient shared;

    /** A pool of up to 64 idle connections kept 5 minutes. */
    public PveClients() {
        this(new OkHttpClient.Builder().connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES)).build());
    }

    /**
     * Derives every cluster's client from {@code base} (its pool, dispatcher and interceptors are kept; its TLS,
     * timeout and retry settings are replaced).
     */
    public PveClients(OkHttpClient base) {
        this.shared = base;
    }

    public PveClient newClient(PveClusterConfig config) {
        List<HttpUrl> endpoints = config.endpoints().stream().map(HttpUrl::get).toList();
        OkHttpClient.Builder builder = shared.newBuilder()
                // OkHttp would silently resend a request whose connection failed, even a POST that reached the
                // server; RetryInterceptor decides instead
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                // PVE speaks HTTP/1.1 and puts its error messages in the status line, which HTTP/2 does not have
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .callTimeout(config.callTimeout());
        TlsSetup.apply(builder, config.trust(), config.name());
        builder.addNetworkInterceptor(new AttemptState.MarkSent());
        FailoverInterceptor failover = new FailoverInterceptor(endpoints);
        RetryInterceptor retry = new RetryInterceptor(config.retry());

        OkHttpClient http;
        if (config.credentials() instanceof PveCredentials.ApiToken token) {
            http = builder.addInterceptor(retry).addInterceptor(failover).addInterceptor(new ApiTokenInterceptor(token))
                    .build();
        } else {
            // logins fail over like any call (same preferred endpoint) but are not retried on their own: the
            // call that needed the ticket is, so retries do not multiply
            OkHttpClient base = builder.build();
            OkHttpClient login = base.newBuilder().addInterceptor(failover).build();
            TicketSession session = new TicketSession(login, endpoints.get(0),
                    (PveCredentials.Password) config.credentials(), config.ticketRenewAfter(), Clock.systemUTC());
            http = base.newBuilder().addInterceptor(retry).addInterceptor(failover)
                    .addInterceptor(new TicketInterceptor(session)).build();
        }
        return new PveClient(config, http, endpoints.get(0), Clock.systemUTC());
    }

    /** Stops the shared dispatcher's threads and closes idle connections. */
    @Override
    public void close() {
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }
}
