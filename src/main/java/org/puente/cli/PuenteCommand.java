package org.puente.cli;

import picocli.CommandLine.Command;

/** The top of {@code puente <command>}: lists the commands. */
@Command(name = "puente", mixinStandardHelpOptions = true, version = "Puente 0.1",
        description = "Inventories the federation's documents, extracts their text and languages, "
                + "and keeps the register in inventory/.",
        subcommands = {RunCommand.class, InventoryCommand.class, StatusCommand.class, TmCommand.class, BenchmarkCommand.class},
        footer = {"", "Configuration: pipeline/puente.yml. Working state: .puente/ (delete it to rebuild).",
                "Exit codes: 0 done, 1 the command failed (the reason is printed), 2 wrong usage."})
public class PuenteCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
