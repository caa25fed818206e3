package io.pveflow.sim.http;

import java.net.InetSocketAddress;

import javax.net.ssl.SSLContext;

import org.xnio.Options;

import io.pveflow.sim.api.Simulation;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;

/** The HTTPS listener (Undertow core: it lets us set the reason phrase, where PVE puts its messages). */
public final class ApiServer implements AutoCloseable {

    private final Undertow undertow;
    private final InetSocketAddress address;

    private ApiServer(Undertow undertow, InetSocketAddress address) {
        this.undertow = undertow;
        this.address = address;
    }

    /**
     * Starts listening. Blocking work (request bodies, injected latency, the failed-login delay) runs on a
     * worker pool; simulated tasks never hold one of its threads.
     */
    public static ApiServer start(Simulation sim, String host, int port, SSLContext tls, int workerThreads,
            String adminToken) {
        Undertow undertow = Undertow.builder()
                .addHttpsListener(port, host, tls)
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerThreads(workerThreads)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 16L * 1024 * 1024)
                .setSocketOption(Options.BACKLOG, 2048)
                .setHandler(new ApiHandler(sim, adminToken))
                .build();
        undertow.start();
        InetSocketAddress bound = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        return new ApiServer(undertow, bound);
    }

    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
