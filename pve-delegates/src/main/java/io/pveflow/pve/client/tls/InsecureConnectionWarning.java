package io.pveflow.pve.client.tls;

import java.net.InetSocketAddress;
import java.net.Proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Logs a warning for every new connection made without certificate checks, so the insecure mode cannot be
 * forgotten in a log nobody reads once.
 */
final class InsecureConnectionWarning extends EventListener {

    private static final Logger LOG = LoggerFactory.getLogger(InsecureConnectionWarning.class);

    private final String cluster;

    InsecureConnectionWarning(String cluster) {
        this.cluster = cluster;
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        LOG.warn("INSECURE: new connection to {} for cluster '{}' WITHOUT certificate or host name verification",
                address, cluster);
    }
}
