package org.puente;

import org.puente.config.PuenteProperties;
import org.puente.inventory.ExtractionHeadStart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Puente's entry point: a Spring Boot application without a web server, driven by the
 * {@code puente <command>} line (see {@link org.puente.cli.PuenteCommand}).
 */
@SpringBootApplication
@EnableConfigurationProperties(PuenteProperties.class)
public class PuenteApplication {

    public static void main(String[] args) {
        int exitCode;
        try {
            SpringApplication application = new SpringApplication(PuenteApplication.class);
            ExtractionHeadStart.addTo(application, args);
            exitCode = SpringApplication.exit(application.run(args));
        } catch (RuntimeException e) {
            // Start-up failed (bad configuration, database locked or unreadable...): one line, not a stack trace.
            System.err.println("puente: cannot start: " + rootMessage(e));
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /**
     * The innermost message, prefixed by the setting at fault when a configuration value could
     * not be bound (the innermost message alone, e.g. "For input string", does not say where).
     */
    private static String rootMessage(Throwable e) {
        String setting = null;
        Throwable t = e;
        while (true) {
            if (t instanceof BindException bind) {
                setting = "invalid setting '" + bind.getName() + "'"
                        + (bind.getProperty() == null ? "" : " = '" + bind.getProperty().getValue() + "'"
                        + (bind.getProperty().getOrigin() == null ? "" : " (" + bind.getProperty().getOrigin() + ")"));
            }
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        message = message.replaceAll("\\s*\\R\\s*", " ");
        return setting == null ? message : setting + ": " + message;
    }
}
