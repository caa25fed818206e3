package io.pveflow.pve.client.http;

import java.io.IOException;

import io.pveflow.pve.client.PveApiException;

/** Carries a {@link PveApiException} through OkHttp's interceptor chain, which only passes IOExceptions. */
public final class ApiFailureIOException extends IOException {

    private final PveApiException failure;

    public ApiFailureIOException(PveApiException failure) {
        super(failure.getMessage(), failure);
        this.failure = failure;
    }

    public PveApiException failure() {
        return failure;
    }
}
