package org.puente.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.puente.memory.AlignmentReview;
import org.puente.memory.DocumentAligner;
import org.puente.memory.TranslationMemory;
import org.springframework.stereotype.Component;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code puente tm align} and {@code puente tm review}: alignment of existing translations. */
final class TmAlignCommand {

    private TmAlignCommand() {
    }

    /** {@code puente tm align [--source X --target Y] [--force]}. */
    @Component
    @Command(name = "align", mixinStandardHelpOptions = true,
            description = {"Aligns documents that translate each other, sentence by sentence, into the memory: the "
                    + "pairs found in the inventory (same path under language folders such as en/ and es/, or file "
                    + "names marked manual.en.pdf, manual_es.docx), the pairs declared in puente.memory.alignment.pairs, "
                    + "or the one pair given with --source and --target. Sentence pairs at or above "
                    + "puente.memory.alignment.min-confidence go into the memory (origin ALIGNMENT); the others wait "
                    + "for 'puente tm review'. Pairs whose documents did not change since their last alignment are "
                    + "not aligned again unless --force.",
                    "Afterwards translations/memory.tmx, the memory's portable copy, is rewritten."})
    public static class Align implements Callable<Integer> {

        @Option(names = "--source", paramLabel = "DOCUMENT", description = "Register id or location of the original.")
        String source;

        @Option(names = "--target", paramLabel = "DOCUMENT", description = "Register id or location of its translation.")
        String target;

        @Option(names = "--force", description = "Align again even pairs whose documents did not change "
                + "(e.g. after changing min-confidence or the segmentation rules).")
        boolean force;

        private final DocumentAligner aligner;
        private final TranslationMemory memory;

        public Align(DocumentAligner aligner, TranslationMemory memory) {
            this.aligner = aligner;
            this.memory = memory;
        }

        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            List<DocumentAligner.Candidate> pairs = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            if (source != null || target != null) {
                if (source == null || target == null) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "--source and --target go together");
                }
                try {
                    pairs.add(aligner.declared(source, target));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("cannot align " + source + " with " + target + ": " + e.getMessage());
                }
            } else {
                DocumentAligner.Candidates candidates = aligner.candidates();
                pairs.addAll(candidates.pairs());
                problems.addAll(candidates.problems());
            }
            problems.forEach(p -> System.err.println("puente: " + p));
            if (pairs.isEmpty()) {
                out.println("No translation pairs to align (run 'puente run' first, or give --source and --target).");
                return problems.isEmpty() ? 0 : 1;
            }
            List<DocumentAligner.PairResult> results = aligner.alignAll(pairs, null, force);
            int aligned = 0;
            int failed = 0;
            int into = 0;
            int review = 0;
            for (DocumentAligner.PairResult r : results) {
                out.printf(Locale.ROOT, "%s -> %s  %s -> %s%s%n", r.source().language(), r.target().language(),
                        r.source().location(), r.target().location(), r.declared() ? " (declared)" : "");
                if (r.failure() != null) {
                    failed++;
                    out.println("    failed: " + r.failure());
                    continue;
                }
                out.printf(Locale.ROOT, "    %d sentence pairs, %d into the memory, %d for review, mean confidence %.2f%s%n",
                        r.sentencePairs(), r.intoMemory(), r.forReview(), r.meanConfidence(),
                        r.unchanged() ? " (unchanged since its last alignment)" : "");
                if (!r.unchanged()) {
                    aligned++;
                    into += r.intoMemory();
                    review += r.forReview();
                }
            }
            out.printf("Aligned %d document pairs: %d sentence pairs into the memory, %d kept for review%s. "
                            + "The memory holds %d units.%n", aligned, into, review,
                    results.size() > aligned + failed ? " (" + (results.size() - aligned - failed) + " unchanged)" : "",
                    memory.size());
            if (aligned > 0) {
                long written = memory.exportTmx(TmCommand.PORTABLE_COPY, Set.of(), Set.of());
                out.printf("Portable copy: %s (%d units)%n", TmCommand.PORTABLE_COPY, written);
            }
            return failed == 0 && problems.isEmpty() ? 0 : 1;
        }
    }

    /** {@code puente tm review [--output FILE.csv]}, {@code accept ID...}, {@code reject ID...}. */
    @Component
    @Command(name = "review", mixinStandardHelpOptions = true,
            description = {"Lists the aligned sentence pairs kept for review (confidence below "
                    + "puente.memory.alignment.min-confidence): they are not in the memory and lookups never use them. "
                    + "'accept ID...' puts them into the memory, 'reject ID...' keeps them out for good."},
            subcommands = {Accept.class, Reject.class})
    public static class Review implements Callable<Integer> {

        @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv", description = "Write every pending pair as CSV instead.")
        Path output;

        @Option(names = "--max", defaultValue = "50", description = "Most pairs listed (default ${DEFAULT-VALUE}).")
        int max;

        private final AlignmentReview review;

        public Review(AlignmentReview review) {
            this.review = review;
        }

        @Override
        public Integer call() throws Exception {
            if (output != null) {
                int written = review.writeCsv(output);
                System.out.printf("%d pending pairs written to %s%n", written, output);
                return 0;
            }
            List<AlignmentReview.PendingPair> pending = review.pending();
            if (pending.isEmpty()) {
                System.out.println("No sentence pairs wait for review.");
                return 0;
            }
            System.out.printf("%d sentence pairs wait for review (best first):%n", pending.size());
            for (AlignmentReview.PendingPair p : pending.subList(0, Math.min(max, pending.size()))) {
                System.out.printf(Locale.ROOT, "%6d  %.2f  %s: %s%n              %s: %s%n", p.id(), Math.floor(p.confidence() * 100) / 100,
                        p.sourceLanguage(), shorten(p.source()), p.targetLanguage(), shorten(p.target()));
            }
            if (pending.size() > max) {
                System.out.printf("... and %d more: --output FILE.csv writes them all%n", pending.size() - max);
            }
            System.out.println("Accept with 'puente tm review accept ID...', reject with 'puente tm review reject ID...'.");
            return 0;
        }

        private static String shorten(String s) {
            return s.length() <= 200 ? s : s.substring(0, 199) + "…";
        }
    }

    /** {@code puente tm review accept ID...}. */
    @Component
    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = "Puts pending sentence pairs into the memory (origin ALIGNMENT, marked reviewed).")
    public static class Accept implements Callable<Integer> {

        @Parameters(paramLabel = "ID", arity = "1..*", description = "Ids as 'puente tm review' lists them.")
        List<Long> ids;

        private final AlignmentReview review;
        private final TranslationMemory memory;

        public Accept(AlignmentReview review, TranslationMemory memory) {
            this.review = review;
            this.memory = memory;
        }

        @Override
        public Integer call() throws Exception {
            List<String> problems = review.accept(ids);
            problems.forEach(p -> System.err.println("puente: " + p));
            int accepted = ids.size() - problems.size();
            System.out.printf("%d pairs accepted into the memory.%n", accepted);
            if (accepted > 0) {
                long written = memory.exportTmx(TmCommand.PORTABLE_COPY, Set.of(), Set.of());
                System.out.printf("Portable copy: %s (%d units)%n", TmCommand.PORTABLE_COPY, written);
            }
            return problems.isEmpty() ? 0 : 1;
        }
    }

    /** {@code puente tm review reject ID...}. */
    @Component
    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Marks pending sentence pairs rejected: they stay out of the memory, also when aligned again.")
    public static class Reject implements Callable<Integer> {

        @Parameters(paramLabel = "ID", arity = "1..*", description = "Ids as 'puente tm review' lists them.")
        List<Long> ids;

        private final AlignmentReview review;

        public Reject(AlignmentReview review) {
            this.review = review;
        }

        @Override
        public Integer call() {
            List<String> problems = review.reject(ids);
            problems.forEach(p -> System.err.println("puente: " + p));
            System.out.printf("%d pairs rejected.%n", ids.size() - problems.size());
            return problems.isEmpty() ? 0 : 1;
        }
    }
}
