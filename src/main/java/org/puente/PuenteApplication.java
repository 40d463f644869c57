package org.puente;

import org.puente.config.PuenteProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Puente's entry point: a Spring Boot application without a web server, driven by the CLI. */
@SpringBootApplication
@EnableConfigurationProperties(PuenteProperties.class)
public class PuenteApplication {

    public static void main(String[] args) {
        SpringApplication.run(PuenteApplication.class, args);
    }
}
