package org.puente.cli;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.puente.config.PuenteProperties;
import org.puente.inventory.RegisterExport;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code puente inventory ...}: the document register. */
@Command(name = "inventory", mixinStandardHelpOptions = true, description = "The document register.",
        subcommands = InventoryCommand.Export.class)
public class InventoryCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code puente inventory export}: the register from the database, without running the pipeline. */
    @Component
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes the register from the database: by default inventory/register.csv and "
                    + "inventory/register.json; with --format and --output, one file (or '-' for standard output).")
    public static class Export implements Callable<Integer> {

        @Option(names = "--format", description = "csv or json (default: both, into the inventory folder).")
        RegisterExport.Format format;

        @Option(names = {"-o", "--output"}, description = "File to write, or '-' for standard output. Needs --format.")
        String output;

        private final RegisterExport export;
        private final PuenteProperties properties;

        public Export(RegisterExport export, PuenteProperties properties) {
            this.export = export;
            this.properties = properties;
        }

        @Override
        public Integer call() throws Exception {
            if (format == null) {
                if (output != null) {
                    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                            "--output needs --format csv or --format json");
                }
                int n = export.writeRegister(properties.getInventoryDir());
                System.err.printf("%d records written to %s/register.csv and register.json%n", n, properties.getInventoryDir());
            } else if (output == null || output.equals("-")) {
                Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
                export.write(format, out);
                out.flush();
            } else {
                int n = export.write(format, Path.of(output));
                System.err.printf("%d records written to %s%n", n, output);
            }
            return 0;
        }
    }
}
