package org.puente.cli;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import picocli.CommandLine;

/**
 * Runs the picocli command named on the command line once Spring has started, with commands
 * created by Spring (so they get their dependencies), and turns failures into one line on
 * standard error and an exit code.
 */
@Component
@ConditionalOnProperty(name = "puente.cli.enabled", matchIfMissing = true)
public class CommandLineInterface implements CommandLineRunner, ExitCodeGenerator {

    private final BeanFactory beans;
    private int exitCode;

    public CommandLineInterface(BeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void run(String... args) {
        CommandLine commandLine = new CommandLine(new PuenteCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return beans.getBeanProvider(type).getIfAvailable(() -> {
                    try {
                        return CommandLine.defaultFactory().create(type);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        });
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("puente: " + oneLine(e));
            return 1;
        });
        exitCode = commandLine.execute(args);
    }

    private static String oneLine(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
