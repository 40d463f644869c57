package org.puente.extraction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.TextObjectFactory;
import com.optimaize.langdetect.text.TextObjectFactoryBuilder;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.puente.memory.TmxReader;

/**
 * Not a test: how {@link LanguageDetector}'s paragraph detection (the n-gram scorer first, Lingua
 * when it is unsure) compares with the detection it replaced (Optimaize's sampled detector first,
 * Lingua when unsure), per margin threshold, on real paragraphs: the parallel HTML pages (labelled
 * by their folder) and TMX segments of 40+ letters (labelled by their language). Run with the
 * test class path, e.g.
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.puente.extraction.ParagraphDetectionTrial ../shared/samples}.
 */
public final class ParagraphDetectionTrial {

    private ParagraphDetectionTrial() {
    }

    record Sample(String truth, String excerpt) {
    }

    public static void main(String[] args) throws IOException {
        Path samples = Path.of(args.length > 0 ? args[0] : "../shared/samples");
        int maxTmx = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        List<Sample> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(samples.resolve("parallel"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                String folder = f.getParent().getFileName().toString();
                for (Element e : Jsoup.parse(f.toFile(), "UTF-8").body().select("p, li:not(:has(p)), dd:not(:has(p))")) {
                    add(all, folder, e.text());
                }
            }
        }
        if (args.length > 2) { // a folder of plain-text documents, e.g. from 'puente benchmark --generate', labelled by name
            try (Stream<Path> files = Files.list(Path.of(args[2]))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                    String label = f.getFileName().toString().replaceAll("^doc-\\d+-(\\w\\w)\\..*$", "$1");
                    for (String paragraph : LanguageDetector.paragraphs(Files.readString(f))) {
                        add(all, label, paragraph);
                    }
                }
            }
        }
        int parallel = all.size();
        int[] taken = {0};
        new TmxReader().read(samples.resolve("tm/en-es.tmx"), unit -> unit.variants().forEach(v -> {
            if (taken[0] < maxTmx && v.segment().plainText().length() >= 80) {
                taken[0]++;
                add(all, v.language().substring(0, 2).toLowerCase(Locale.ROOT), v.segment().plainText());
            }
        }));
        System.out.printf("%d paragraphs (%d from the parallel pages and generated documents, %d TMX segments of 80+ characters)%n",
                all.size(), parallel, all.size() - parallel);

        List<Language> loaded = List.of(Language.ENGLISH, Language.SPANISH, Language.PORTUGUESE,
                Language.FRENCH, Language.ITALIAN, Language.CATALAN, Language.GERMAN);
        var lingua = LanguageDetectorBuilder.fromLanguages(loaded.toArray(Language[]::new))
                .withMinimumRelativeDistance(LanguageDetector.MIN_RELATIVE_DISTANCE).withLowAccuracyMode().build();
        LanguageProfileReader reader = new LanguageProfileReader();
        List<com.optimaize.langdetect.profiles.LanguageProfile> profiles = new ArrayList<>();
        Map<String, com.optimaize.langdetect.profiles.LanguageProfile> byCode = new LinkedHashMap<>();
        for (String code : List.of("en", "es", "pt", "fr", "it", "ca", "de")) {
            var p = reader.readBuiltIn(LdLocale.fromString(code));
            profiles.add(p);
            byCode.put(code, p);
        }
        var optimaize = com.optimaize.langdetect.LanguageDetectorBuilder.create(NgramExtractors.standard())
                .withProfiles(profiles).build();
        TextObjectFactory text = new TextObjectFactoryBuilder().build();
        NgramLanguageScorer scorer = new NgramLanguageScorer(byCode);
        List<String> configured = List.of("en", "es", "pt");

        // the former answer, and Lingua's, for every paragraph
        String[] before = new String[all.size()];
        String[] linguaAnswer = new String[all.size()];
        NgramLanguageScorer.Scores[] scores = new NgramLanguageScorer.Scores[all.size()];
        for (int round = 0; round < 2; round++) { // the second round is timed
            long t0 = System.nanoTime();
            for (int i = 0; i < all.size(); i++) {
                List<DetectedLanguage> probabilities = optimaize.getProbabilities(text.forText(all.get(i).excerpt()));
                String answer = null;
                if (!probabilities.isEmpty() && probabilities.get(0).getProbability() >= 0.999
                        && configured.contains(probabilities.get(0).getLocale().getLanguage())) {
                    answer = probabilities.get(0).getLocale().getLanguage();
                }
                before[i] = answer;
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < all.size(); i++) {
                scores[i] = scorer.score(all.get(i).excerpt());
            }
            long t2 = System.nanoTime();
            if (round == 1) {
                System.out.printf("Optimaize: %.0f paragraphs/s; n-gram scorer: %.0f paragraphs/s%n",
                        all.size() / ((t1 - t0) / 1e9), all.size() / ((t2 - t1) / 1e9));
            }
        }
        int optimaizeSure = 0;
        for (int i = 0; i < all.size(); i++) {
            linguaAnswer[i] = lingua(lingua, all.get(i).excerpt(), configured);
            if (before[i] == null) {
                before[i] = linguaAnswer[i];
            } else {
                optimaizeSure++;
            }
        }
        System.out.printf("before: Optimaize sure of %.2f%% of the paragraphs; accuracy %.3f%%%n",
                100.0 * optimaizeSure / all.size(), accuracy(all, before));
        System.out.printf("Lingua alone: accuracy %.3f%%%n", accuracy(all, linguaAnswer));
        System.out.println("threshold  scorer-decides  agree-with-before  accuracy  (scorer wrong where it decided)");
        for (double threshold : new double[] {0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3}) {
            String[] after = new String[all.size()];
            int decided = 0;
            int decidedWrong = 0;
            int agree = 0;
            for (int i = 0; i < all.size(); i++) {
                var s = scores[i];
                if (s.best() != null && s.margin() >= threshold && configured.contains(s.best())) {
                    after[i] = s.best();
                    decided++;
                    if (!s.best().equals(all.get(i).truth())) {
                        decidedWrong++;
                    }
                } else {
                    after[i] = linguaAnswer[i];
                }
                agree += after[i].equals(before[i]) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%9.2f  %13.2f%%  %16.3f%%  %7.3f%%  (%d)%n", threshold,
                    100.0 * decided / all.size(), 100.0 * agree / all.size(), accuracy(all, after), decidedWrong);
        }
        earlyStop(all, scorer);
    }

    /** How often stopping after the first characters gives another best language than reading the whole excerpt. */
    private static void earlyStop(List<Sample> all, NgramLanguageScorer scorer) {
        for (int chars : new int[] {150, 200, LanguageDetector.SCORED_FIRST_CHARS, 300}) {
            for (double margin : new double[] {0.05, LanguageDetector.SCORER_CLEAR_MARGIN, 0.15}) {
                int longer = 0;
                int differ = 0;
                int stopped = 0;
                for (Sample sample : all) {
                    if (sample.excerpt().length() <= chars + 20) {
                        continue;
                    }
                    longer++;
                    var whole = scorer.score(sample.excerpt());
                    var early = scorer.score(sample.excerpt(), chars, margin);
                    stopped += early.grams() < whole.grams() ? 1 : 0;
                    differ += java.util.Objects.equals(whole.best(), early.best()) ? 0 : 1;
                }
                System.out.printf(Locale.ROOT, "first %d chars, clear margin %.2f: %d paragraphs longer, %.1f%% stopped early, "
                        + "%d (%.2f%%) with another best language%n", chars, margin, longer, 100.0 * stopped / Math.max(1, longer),
                        differ, 100.0 * differ / Math.max(1, longer));
            }
        }
    }

    private static void add(List<Sample> all, String truth, String paragraph) {
        String cleaned = TextCleaner.clean(paragraph);
        if (TextCleaner.countLetters(cleaned) < LanguageDetector.MIN_PARAGRAPH_LETTERS || LanguageDetector.looksLikeCode(paragraph)) {
            return;
        }
        String excerpt = cleaned.length() <= LanguageDetector.DETECTED_CHARS ? cleaned
                : cleaned.substring(0, LanguageDetector.DETECTED_CHARS);
        all.add(new Sample(truth, excerpt));
    }

    private static String lingua(com.github.pemistahl.lingua.api.LanguageDetector lingua, String text, List<String> configured) {
        Map<Language, Double> values = lingua.computeLanguageConfidenceValues(text);
        Language best = null;
        double first = 0;
        double second = 0;
        for (Map.Entry<Language, Double> e : values.entrySet()) {
            if (best == null || e.getValue() > first) {
                second = first;
                first = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        if (best == null || first - second < LanguageDetector.MIN_RELATIVE_DISTANCE) {
            return LanguageProfile.UNKNOWN;
        }
        String code = best.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
        return configured.contains(code) ? code : LanguageProfile.OTHER;
    }

    /** Share of answers equal to the label (parallel pages hold some untranslated text: not 100% reachable). */
    private static double accuracy(List<Sample> all, String[] answers) {
        int right = 0;
        for (int i = 0; i < all.size(); i++) {
            right += answers[i].equals(all.get(i).truth()) ? 1 : 0;
        }
        return 100.0 * right / all.size();
    }
}
