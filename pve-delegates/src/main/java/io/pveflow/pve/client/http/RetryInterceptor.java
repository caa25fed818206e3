package io.pveflow.pve.client.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pveflow.pve.client.PveErrorCode;
import io.pveflow.pve.client.PveErrors;
import io.pveflow.pve.client.RetryPolicy;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries, with jittered exponential backoff, only what cannot do harm twice: a request of any method that
 * reached no server, and a GET that failed in transit or got a transient server error (5xx other than 501,
 * whose text is not a definite answer such as "does not exist"; 595/596 when a node could not reach another).
 * A POST, PUT or DELETE that may have reached the server is never replayed: it may have started a task.
 * OkHttp's own silent retry is switched off for the same reason.
 */
public final class RetryInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);

    private final RetryPolicy policy;

    public RetryInterceptor(RetryPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean idempotent = request.method().equals("GET");
        for (int attempt = 1;; attempt++) {
            boolean last = attempt >= policy.maxAttempts();
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (last || !retryable(e, idempotent) || chain.call().isCanceled()) {
                    throw e;
                }
                LOG.debug("{} {} failed ({}), attempt {} of {}", request.method(), request.url().encodedPath(),
                        e.getMessage(), attempt, policy.maxAttempts());
                pause(chain, attempt);
                continue;
            }
            if (last || !idempotent || !transientStatus(response)) {
                return response;
            }
            LOG.debug("GET {} answered {} {}, attempt {} of {}", request.url().encodedPath(), response.code(),
                    response.message(), attempt, policy.maxAttempts());
            response.close();
            pause(chain, attempt);
        }
    }

    static boolean retryable(IOException e, boolean idempotent) {
        if (e instanceof ApiFailureIOException || isCertificateProblem(e)) {
            return false; // a refused login or a wrong certificate does not get better by asking again
        }
        if (e instanceof EndpointsUnreachableException) {
            return true; // nothing was sent anywhere
        }
        // sent, or at least maybe: only a GET may be asked again, and not after it already used up its time
        return idempotent && !(e instanceof InterruptedIOException);
    }

    private static boolean isCertificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return true;
            }
            if (t instanceof SSLException && t.getCause() == null && t.getMessage() != null
                    && t.getMessage().contains("certificate")) {
                return true;
            }
        }
        return false;
    }

    static boolean transientStatus(Response response) {
        int code = response.code();
        if (code == 595 || code == 596 || code == 502 || code == 503 || code == 504) {
            return true;
        }
        if (code != 500) {
            return false;
        }
        PveErrorCode kind = PveErrors.classify(code, response.message());
        return kind == PveErrorCode.SERVER || kind == PveErrorCode.CONNECTION || kind == PveErrorCode.TIMEOUT;
    }

    private void pause(Chain chain, int attempt) throws IOException {
        try {
            Thread.sleep(policy.backoff(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
        if (chain.call().isCanceled()) {
            throw new InterruptedIOException("timeout");
        }
    }
}
