package io.pveflow.pve.client.http;

import java.io.IOException;

/** No endpoint of the cluster could be reached; nothing was sent. The cause is the last failure. */
public final class EndpointsUnreachableException extends IOException {

    public EndpointsUnreachableException(String message, IOException last) {
        super(message, last);
    }
}
