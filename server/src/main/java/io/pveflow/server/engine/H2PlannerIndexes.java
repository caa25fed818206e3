package io.pveflow.server.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flowable.common.engine.impl.AbstractEngineConfiguration;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineLifecycleListener;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the embedded H2 database only: an index Flowable's H2 schema lacks. Loading an execution's variables asks for
 * {@code EXECUTION_ID_ = ? AND TASK_ID_ IS NULL}; H2's planner takes the index on {@code TASK_ID_} for that, and as
 * no process variable has a task, it walks every variable in the system each time (a third of the CPU of a
 * 500-guest fan-out went there, SnapshotFanOutBench). With both columns in one index the lookup is a range of one
 * execution. PostgreSQL plans the same query on Flowable's own index on {@code EXECUTION_ID_} and gets nothing here.
 * Created once, after Flowable has created or upgraded its tables and before its executor runs.
 */
final class H2PlannerIndexes implements ProcessEngineLifecycleListener {

    private static final Logger log = LoggerFactory.getLogger(H2PlannerIndexes.class);

    private static final String VARIABLES_BY_EXECUTION =
            "CREATE INDEX IF NOT EXISTS PVEFLOW_IDX_RU_VAR_EXE_TASK ON ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_)";

    @Override
    public void onProcessEngineBuilt(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        if (!AbstractEngineConfiguration.DATABASE_TYPE_H2.equals(configuration.getDatabaseType())) {
            return;
        }
        DataSource dataSource = configuration.getDataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(VARIABLES_BY_EXECUTION);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            // Only slower without it; the server works either way.
            log.warn("Could not create H2 index PVEFLOW_IDX_RU_VAR_EXE_TASK ({}); variable loads scan every variable", e.toString());
        }
    }

    @Override
    public void onProcessEngineClosed(ProcessEngine engine) {
    }
}
