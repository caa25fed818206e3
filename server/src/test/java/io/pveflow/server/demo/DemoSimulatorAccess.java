package io.pveflow.server.demo;

import org.springframework.context.ApplicationContext;

import io.pveflow.sim.faults.Faults;

/**
 * For tests in other packages: the demo simulator's fault switches (a node back online after a shutdown
 * test, a task that hangs or fails once), which the PVE API itself cannot do.
 */
public final class DemoSimulatorAccess {

    private DemoSimulatorAccess() {
    }

    public static Faults faults(ApplicationContext context) {
        return context.getBean(DemoCluster.class).simulator().faults();
    }
}
