package io.pveflow.server.processapi;

import io.pveflow.server.testing.H2ServerTest;

/** The process API contract on the embedded default (H2 file database). */
class ProcessApiOnH2Test extends H2ServerTest implements ProcessApiContract {
}
