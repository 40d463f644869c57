package org.puente.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.puente.memory.TmImportResult;
import org.puente.memory.TmxFormatException;
import org.puente.memory.TranslationMemory;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code puente tm ...}: the translation memory. */
@Command(name = "tm", mixinStandardHelpOptions = true, description = "The translation memory (es, en, pt).",
        subcommands = TmCommand.Import.class)
public class TmCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code puente tm import FILE...}: TMX files into the memory, each all or nothing. */
    @Component
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Imports TMX files (1.4b, or 1.1 with 'lang') from OmegaT, Trados, memoQ, Okapi, "
                    + "translate-toolkit... Each file is imported whole or not at all: an invalid file is refused "
                    + "with the line and the reason. Units the memory already holds are merged, not added again; "
                    + "another translation of a source already held is kept beside it (a conflict)."})
    public static class Import implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "TMX files.")
        List<Path> files;

        private final TranslationMemory memory;

        public Import(TranslationMemory memory) {
            this.memory = memory;
        }

        @Override
        public Integer call() throws Exception {
            int failed = 0;
            for (Path file : files) {
                try {
                    TmImportResult r = memory.importTmx(file);
                    System.out.printf("%s: %d units read, %d added, %d already held (merged), %d conflicting "
                                    + "translations kept, languages %s%s%n", file, r.read(), r.added(), r.merged(),
                            r.conflicts(), String.join(" ", r.languages()),
                            r.strippedCharacters() > 0 ? ", " + r.strippedCharacters() + " forbidden characters removed" : "");
                } catch (TmxFormatException e) {
                    failed++;
                    System.err.println("puente: " + e.getMessage() + " - nothing of this file was imported");
                } catch (java.nio.file.NoSuchFileException e) {
                    failed++;
                    System.err.println("puente: " + file + ": no such file");
                }
            }
            System.out.printf("The memory holds %d units.%n", memory.size());
            return failed == 0 ? 0 : 1;
        }
    }
}
