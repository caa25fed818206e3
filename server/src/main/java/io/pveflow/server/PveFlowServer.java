package io.pveflow.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The PVEFlow automation server: Flowable engine, REST APIs, clusters and the web UI in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PveFlowServer {

    public static void main(String[] args) {
        SpringApplication.run(PveFlowServer.class, args);
    }
}
