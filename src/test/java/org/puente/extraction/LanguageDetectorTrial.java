package org.puente.extraction;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Not a test: a one-off measurement of {@link LanguageDetector} on the parallel HTML samples.
 * Run with the test classpath, e.g.
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.puente.extraction.LanguageDetectorTrial /work/shared/samples/parallel}.
 */
public final class LanguageDetectorTrial {

    private LanguageDetectorTrial() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "/work/shared/samples/parallel");

        long t0 = System.nanoTime();
        LanguageDetector detector = new LanguageDetector(List.of("es", "en", "pt"));
        long t1 = System.nanoTime();
        detector.warmUp();
        long t2 = System.nanoTime();
        System.out.printf("build %.1f ms, model loading (warmUp) %.1f ms, heap used after load %d MB%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, usedHeapMb());

        record Doc(String folder, String name, String text, List<String> paragraphs) { }
        List<Doc> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                Document html = Jsoup.parse(f.toFile(), "UTF-8");
                html.select("div.navheader, div.navfooter").remove();
                List<String> paragraphs = new ArrayList<>();
                for (Element e : html.body().select("p, pre, h1, h2, h3, h4, dt, li:not(:has(p)), td:not(:has(p))")) {
                    String text = e.tagName().equals("pre") ? e.wholeText() : e.text();
                    if (!text.isBlank()) {
                        paragraphs.add(text.strip());
                    }
                }
                docs.add(new Doc(f.getParent().getFileName().toString(), f.getFileName().toString(),
                        String.join("\n\n", paragraphs), paragraphs));
            }
        }

        // Throughput: every paragraph as a segment, several rounds.
        List<String> all = docs.stream().flatMap(d -> d.paragraphs().stream()).toList();
        long chars = all.stream().mapToLong(String::length).sum();
        for (String p : all) {
            detector.detectSegment(p); // JIT warm-up
        }
        int rounds = 5;
        long s0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String p : all) {
                detector.detectSegment(p);
            }
        }
        double secs = (System.nanoTime() - s0) / 1e9;
        System.out.printf("detectSegment: %d paragraphs (avg %d chars) x %d rounds: %.0f paragraphs/s, %.2f MB/s%n",
                all.size(), chars / all.size(), rounds, all.size() * rounds / secs, chars * rounds / secs / 1e6);

        // The same on two threads sharing the detector (Lingua locks its model maps on each lookup).
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            long c0 = System.nanoTime();
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        for (String p : all) {
                            detector.detectSegment(p);
                        }
                    }
                }));
            }
            for (var f : futures) {
                f.get();
            }
            double csecs = (System.nanoTime() - c0) / 1e9;
            System.out.printf("detectSegment on 2 threads: %.0f paragraphs/s in total%n", 2.0 * all.size() * rounds / csecs);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }

        // Per-document profile and per-paragraph labels against the folder's language.
        int right = 0;
        Map<String, int[]> perFolder = new TreeMap<>();
        long p0 = System.nanoTime();
        for (Doc d : docs) {
            LanguageProfile profile = detector.profile(d.text());
            boolean ok = profile.language().equals(d.folder());
            right += ok ? 1 : 0;
            System.out.printf("%-3s %-36s %6d chars -> %-7s conf %.3f shares %s%s%n", d.folder(), d.name(),
                    d.text().length(), profile.language(), profile.confidence(), fmt(profile.shares()), ok ? "" : "  <-- WRONG");
            int[] c = perFolder.computeIfAbsent(d.folder(), k -> new int[5]);
            for (String p : d.paragraphs()) {
                String lang = detector.detectSegment(p);
                if (TextCleaner.countLetters(TextCleaner.clean(p)) < LanguageDetector.MIN_PARAGRAPH_LETTERS
                        || LanguageDetector.looksLikeCode(p)) {
                    continue;
                }
                c[0]++;
                if (lang.equals(d.folder())) c[1]++;
                else if (lang.equals(LanguageProfile.UNKNOWN)) c[2]++;
                else if (lang.equals("en")) c[3]++;
                else c[4]++;
            }
        }
        double profSecs = (System.nanoTime() - p0) / 1e9;
        System.out.printf("documents: %d/%d labelled with their folder's language (profile of all docs + segment pass: %.2f s)%n",
                right, docs.size(), profSecs);
        for (var e : perFolder.entrySet()) {
            int[] c = e.getValue();
            System.out.printf("  %s paragraphs (40+ letters, not code): %d, labelled %s %d (%.1f%%), unknown %d, en %d, other/es/pt %d%n",
                    e.getKey(), c[0], e.getKey(), c[1], 100.0 * c[1] / c[0], c[2], c[3], c[4]);
        }

        // A 2M-character document.
        StringBuilder big = new StringBuilder();
        while (big.length() < 2_000_000) {
            for (Doc d : docs) {
                big.append(d.text()).append("\n\n");
            }
        }
        String bigText = big.toString();
        detector.profile(bigText);
        long b0 = System.nanoTime();
        LanguageProfile bigProfile = detector.profile(bigText);
        System.out.printf("profile of a %d-char document: %.0f ms -> %s %s%n", bigText.length(),
                (System.nanoTime() - b0) / 1e6, bigProfile.language(), fmt(bigProfile.shares()));
        for (int cap : new int[] {100, 400, 1000}) {
            System.out.printf("  sampled at %d paragraphs -> %s%n", cap, fmt(detector.profile(bigText, cap).shares()));
        }
        long e0 = System.nanoTime();
        LanguageProfile exact = detector.profile(bigText, Integer.MAX_VALUE);
        System.out.printf("same document, every paragraph (%d): %.0f ms -> %s %s%n",
                LanguageDetector.paragraphs(bigText).size(), (System.nanoTime() - e0) / 1e6, exact.language(), fmt(exact.shares()));
        System.out.printf("heap used at end %d MB%n", usedHeapMb());
    }

    private static String fmt(Map<String, Double> shares) {
        StringBuilder sb = new StringBuilder("{");
        shares.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(String.format("%.3f", v)));
        return sb.append('}').toString();
    }

    private static long usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    }
}
