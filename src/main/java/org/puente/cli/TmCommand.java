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
        subcommands = {TmCommand.Import.class, TmCommand.Export.class, TmCommand.Lookup.class, TmAlignCommand.Align.class,
                TmAlignCommand.Review.class, TmAnalyzeCommand.class, TmCommand.Conflicts.class,
                TmBenchmarkCommand.class})
public class TmCommand implements Runnable {

    /** The memory as TMX, refreshed after each import: importing it into an empty memory rebuilds it. */
    static final Path PORTABLE_COPY = Path.of("translations", "memory.tmx");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The two languages of a {@code --pair} such as {@code en-es}, or a usage error of {@code command}. */
    static String[] languagePair(String pair, Object command) {
        String[] two = pair.toLowerCase(java.util.Locale.ROOT).split("-");
        if (two.length != 2 || two[0].isBlank() || two[1].isBlank() || two[0].equals(two[1])) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(command),
                    "--pair takes two different languages, e.g. en-es (got '" + pair + "')");
        }
        return two;
    }

    /** {@code puente tm import FILE...}: TMX files into the memory, each all or nothing. */
    @Component
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Imports TMX files (1.4b, or 1.1 with 'lang') from OmegaT, Trados, memoQ, Okapi, "
                    + "translate-toolkit... Each file is imported whole or not at all: an invalid file is refused "
                    + "with the line and the reason. Units the memory already holds are merged, not added again; "
                    + "another translation of a source already held is kept beside it (a conflict).",
                    "Afterwards translations/memory.tmx is rewritten: the memory's portable copy, from which "
                            + "'puente tm import translations/memory.tmx' rebuilds an empty memory."})
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
                    long start = System.nanoTime();
                    TmImportResult r = memory.importTmx(file);
                    System.out.printf(java.util.Locale.ROOT, "%s: %d units read, %d added, %d already held (merged), %d conflicting "
                                    + "translations kept, languages %s, in %.1f s%s%n", file, r.read(), r.added(), r.merged(),
                            r.conflicts(), String.join(" ", r.languages()), (System.nanoTime() - start) / 1e9,
                            r.strippedCharacters() > 0 ? ", " + r.strippedCharacters() + " forbidden characters removed" : "");
                } catch (TmxFormatException e) {
                    failed++;
                    System.err.println("puente: " + e.getMessage() + " - nothing of this file was imported");
                } catch (java.nio.file.NoSuchFileException e) {
                    failed++;
                    System.err.println("puente: " + file + ": no such file");
                } catch (IllegalStateException busy) {
                    throw busy; // another import is running: the other files would meet it too
                } catch (RuntimeException e) {
                    failed++;
                    System.err.println("puente: " + file + ": " + e.getMessage() + " - nothing of this file was imported");
                }
            }
            System.out.printf("The memory holds %d units.%n", memory.size());
            if (failed < files.size()) {
                long start = System.nanoTime();
                long written = memory.exportTmx(PORTABLE_COPY, java.util.Set.of(), java.util.Set.of());
                System.out.printf(java.util.Locale.ROOT, "Portable copy: %s (%d units, written in %.1f s)%n", PORTABLE_COPY,
                        written, (System.nanoTime() - start) / 1e9);
            }
            return failed == 0 ? 0 : 1;
        }
    }

    /** {@code puente tm export}: the memory, one pair, or the units of some documents, as TMX 1.4b. */
    @Component
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes the memory as TMX 1.4b (valid against the TMX 1.4 DTD), each unit with its "
                    + "provenance as props (x-puente-origin, x-puente-source, x-puente-document). The file is replaced "
                    + "only once it is completely written."})
    public static class Export implements Callable<Integer> {

        @picocli.CommandLine.Option(names = "--pair", paramLabel = "LANG-LANG",
                description = "Only one language pair, e.g. en-es or es-pt (variants of other languages are left out).")
        String pair;

        @picocli.CommandLine.Option(names = "--document", paramLabel = "ID",
                description = "Only the units that came from this inventory document (repeatable).")
        List<String> documents = new java.util.ArrayList<>();

        @picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Default: translations/memory.tmx, or translations/memory-<pair>.tmx with --pair.")
        Path output;

        private final TranslationMemory memory;

        public Export(TranslationMemory memory) {
            this.memory = memory;
        }

        @Override
        public Integer call() throws Exception {
            java.util.Set<String> languages = new java.util.LinkedHashSet<>();
            if (pair != null) {
                languages.addAll(List.of(languagePair(pair, this)));
            }
            Path target = output != null ? output
                    : Path.of("translations", pair == null ? "memory.tmx" : "memory-" + pair.toLowerCase(java.util.Locale.ROOT) + ".tmx");
            long written = memory.exportTmx(target, languages, new java.util.LinkedHashSet<>(documents));
            System.out.printf("%d units written to %s%n", written, target);
            return 0;
        }
    }

    /** {@code puente tm lookup "text" --from en --to es}: what the memory holds for a text. */
    @Component
    @Command(name = "lookup", mixinStandardHelpOptions = true,
            description = "Shows the memory's matches for a text: exact (in context when --previous and --next match "
                    + "the unit's neighbours), differing only in inline codes, in case or spacing, only in numbers, or fuzzy (Pensieve's 4-gram score), best first, with the regional variant "
                    + "asked for first and where each unit came from.")
    public static class Lookup implements Callable<Integer> {

        @Parameters(paramLabel = "TEXT", description = "The source text (one sentence or segment).")
        String text;

        @picocli.CommandLine.Option(names = "--from", required = true, paramLabel = "LANG", description = "Source language (en, es, pt...).")
        String from;

        @picocli.CommandLine.Option(names = "--to", required = true, paramLabel = "LANG", description = "Target language (es, es-419, pt-BR...).")
        String to;

        @picocli.CommandLine.Option(names = "--threshold",
                description = "Lowest score shown (default: puente.memory.fuzzy-threshold, 75).")
        Double threshold;

        @picocli.CommandLine.Option(names = "--previous", paramLabel = "TEXT",
                description = "The segment before TEXT in its document (\"\" at the start): an exact match with the same "
                        + "neighbours is in-context.")
        String previous;

        @picocli.CommandLine.Option(names = "--next", paramLabel = "TEXT",
                description = "The segment after TEXT in its document (\"\" at the end).")
        String next;

        @picocli.CommandLine.Option(names = "--max", defaultValue = "5", description = "Most matches shown (default ${DEFAULT-VALUE}).")
        int max;

        private final org.puente.memory.TmLookup lookup;
        private final double defaultThreshold;

        public Lookup(org.puente.memory.TmLookup lookup, org.puente.config.PuenteProperties properties) {
            this.lookup = lookup;
            this.defaultThreshold = properties.getMemory().getFuzzyThreshold();
        }

        @Override
        public Integer call() {
            if (threshold == null) {
                threshold = defaultThreshold;
            }
            if (threshold <= 0 || threshold > 100 || max < 1) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--threshold must be in (0, 100] and --max at least 1");
            }
            var matches = lookup.lookup(text, previous, next, from, to, threshold, max);
            if (matches.isEmpty()) {
                System.out.println("No match at " + threshold + " or above.");
            }
            for (var m : matches) {
                System.out.printf(java.util.Locale.ROOT, "%5.1f  %-15s %s%s%s%n       %s%n       %s%n", m.score(), m.kind(),
                        m.targetLanguage(), m.inContext() ? " in context" : "",
                        m.regionFallback() ? " (other regional variant)" : "", m.source(), m.targetSegment().toXml());
            }
            return 0;
        }
    }

    /** {@code puente tm conflicts}: sources the memory holds with several translations. */
    @Component
    @Command(name = "conflicts", mixinStandardHelpOptions = true,
            description = "Lists the source texts the memory holds with more than one translation into a language "
                    + "(kept side by side when imported or aligned), each translation with where its unit came from, "
                    + "so that a coordinator can decide which to keep. Every pair of the configured languages, or one.")
    public static class Conflicts implements Callable<Integer> {

        @picocli.CommandLine.Option(names = "--pair", paramLabel = "FROM-TO",
                description = "One direction, e.g. en-es (default: every pair of puente.languages).")
        String pair;

        @picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FILE.csv",
                description = "Write them as CSV (source_language, source, target_language, target, origin, origin_detail) "
                        + "instead of listing them.")
        Path output;

        private final TranslationMemory memory;
        private final List<String> languages;

        public Conflicts(TranslationMemory memory, org.puente.config.PuenteProperties properties) {
            this.memory = memory;
            this.languages = properties.getLanguages();
        }

        @Override
        public Integer call() throws Exception {
            List<String[]> pairs = new java.util.ArrayList<>();
            if (pair != null) {
                pairs.add(languagePair(pair, this));
            } else {
                for (String from : languages) {
                    for (String to : languages) {
                        if (!from.equals(to)) {
                            pairs.add(new String[] {from, to});
                        }
                    }
                }
            }
            if (output != null) {
                int written = org.puente.config.AtomicFile.write(output, out -> {
                    var csv = tools.jackson.dataformat.csv.CsvMapper.builder()
                            .disable(tools.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();
                    var schema = tools.jackson.dataformat.csv.CsvSchema.builder().setUseHeader(true)
                            .addColumns(List.of("source_language", "source", "target_language", "target", "origin",
                                    "origin_detail"), tools.jackson.dataformat.csv.CsvSchema.ColumnType.STRING).build();
                    int n = 0;
                    try (var rows = csv.writer(schema).writeValues(out)) {
                        for (String[] p : pairs) {
                            n += memory.conflicts(p[0], p[1], c -> c.translations().forEach(t -> rows.write(List.of(
                                    c.sourceLanguage(), c.source(), t.language(), t.text(), t.origin(),
                                    t.originDetail() == null ? "" : t.originDetail()))));
                        }
                    }
                    return n;
                });
                System.out.printf("%d sources with conflicting translations written to %s%n", written, output);
                return 0;
            }
            int total = 0;
            for (String[] p : pairs) {
                total += memory.conflicts(p[0], p[1], c -> {
                    System.out.printf("%s > %s: %s%n", c.sourceLanguage(), c.targetLanguage(), c.source());
                    for (var t : c.translations()) {
                        System.out.printf("    %-6s %s%n           (%s%s)%n", t.language(), t.text(), t.origin(),
                                t.originDetail() == null ? "" : " " + t.originDetail());
                    }
                });
            }
            System.out.printf("%d sources with conflicting translations.%n", total);
            return 0;
        }
    }
}
