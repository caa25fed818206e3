package io.pveflow.server.processapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pveflow.server.testing.PostgresForTests;
import io.pveflow.server.testing.PostgresServerTest;

/** The process API contract on PostgreSQL, plus where the tables live. */
class ProcessApiOnPostgresTest extends PostgresServerTest implements ProcessApiContract {

    @Test
    void keepsFlowablesTablesAndOursInTheConfiguredSchema() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = PostgresForTests.connect();
             PreparedStatement st = c.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
            st.setString(1, SCHEMA);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1).toLowerCase());
                }
            }
        }
        assertThat(tables).contains("act_ru_execution", "act_ru_job", "act_hi_procinst", "act_re_deployment",
                "pve_cluster", "pveflow_user", "pveflow_schema_history");
        try (Connection c = PostgresForTests.connect();
             PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM information_schema.tables "
                     + "WHERE table_schema = 'public' AND (table_name LIKE 'act_%' OR table_name LIKE 'pve%')");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).as("nothing of PVEFlow's in the public schema").isZero();
        }
    }
}
