package io.pveflow.server.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The name of this server node in a group of nodes sharing one database. It is the async executor's lock
 * owner, so it must be unique per node and stable across restarts: a restarting node then releases the jobs
 * it held when it died instead of waiting for their locks to expire.
 */
@Component
public class NodeIdentity {

    private final String id;

    public NodeIdentity(EngineProperties properties, Environment environment) {
        this.id = StringUtils.hasText(properties.nodeId())
                ? properties.nodeId().trim()
                : hostName() + ":" + environment.getProperty("server.port", "8080");
        if (id.length() > 255) {
            throw new IllegalStateException("pveflow.engine.node-id is longer than 255 characters: " + id);
        }
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (StringUtils.hasText(fromEnvironment)) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
