package io.pveflow.pve.client.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Tags recorded requests with the test that made them, for readable schema-conformance failures. */
public final class RecordTestNames implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        RequestRecorder.currentTest(context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName());
    }
}
