package org.puente.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: measures {@link FuzzyIndex} on a real memory, as the translation-memory spike
 * measured Pensieve (592 queries/s on the same file and queries, one thread). Run after
 * {@code ./mvnw test-compile}:
 * {@code java -cp target/classes:target/test-classes org.puente.memory.FuzzyIndexTrial [TMX] [threshold] [max]}
 * (default {@code /work/shared/samples/tm/en-es.tmx}, 75, 5).
 *
 * <p>The English plain text of each unit is indexed, except 2,000 held out as queries (seed 42:
 * sentences of at least 4 words whose text no other unit has). Prints build time, heap, the
 * query rate and latencies of one thread (after two warm-up rounds over the same queries), the
 * rate of two threads, and checks 300 queries against a full scan at 50, 75 and 90.
 */
public final class FuzzyIndexTrial {

    private FuzzyIndexTrial() {
    }

    public static void main(String[] args) throws Exception {
        Path tmx = Path.of(args.length > 0 ? args[0] : "/work/shared/samples/tm/en-es.tmx");
        double threshold = args.length > 1 ? Double.parseDouble(args[1]) : 75;
        int max = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (!Files.exists(tmx)) {
            System.out.println("no TMX at " + tmx + ": nothing to measure");
            return;
        }
        System.out.printf("java %s, %d cpus, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        long start = System.nanoTime();
        List<String> all = readEnglish(tmx);
        System.out.printf("TmxReader: %d units with English text in %.2f s%n", all.size(), seconds(start));

        List<String> queries = new ArrayList<>();
        List<String> memory = new ArrayList<>();
        holdOut(all, 2000, new Random(42), queries, memory);
        System.out.printf("memory: %d units, %d held-out queries (avg %.0f chars)%n", memory.size(), queries.size(),
                queries.stream().mapToInt(String::length).average().orElse(0));

        long heapBefore = usedHeapAfterGc();
        start = System.nanoTime();
        FuzzyIndex index = new FuzzyIndex();
        for (int i = 0; i < memory.size(); i++) {
            index.add(i, memory.get(i));
        }
        double build = seconds(start);
        long heapAfter = usedHeapAfterGc();
        long grown = index.approximateBytes();
        index.trimToSize();
        long heapTrimmed = usedHeapAfterGc();
        System.out.printf("build: %.2f s (%.0f units/s); index %.1f MB by approximateBytes (%.1f MB after trimToSize), "
                        + "heap growth %.1f MB (%.1f MB after trimToSize)%n", build, memory.size() / build, grown / 1e6,
                index.approximateBytes() / 1e6, (heapAfter - heapBefore) / 1e6, (heapTrimmed - heapBefore) / 1e6);

        long[] nanos = new long[queries.size()];
        int withHit = 0;
        long hits = 0;
        double elapsed = 0;
        for (int round = 0; round < 3; round++) {
            withHit = 0;
            hits = 0;
            long roundStart = System.nanoTime();
            for (int i = 0; i < queries.size(); i++) {
                long t0 = System.nanoTime();
                List<FuzzyHit> found = index.search(queries.get(i), threshold, max);
                nanos[i] = System.nanoTime() - t0;
                hits += found.size();
                withHit += found.isEmpty() ? 0 : 1;
            }
            elapsed = seconds(roundStart);
            System.out.printf("round %d: %.0f q/s%n", round + 1, queries.size() / elapsed);
        }
        Arrays.sort(nanos);
        System.out.printf("one thread, threshold %s, max %d: %.0f q/s, p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, "
                        + "%d/%d queries with >= 1 hit, %d hits; vs Pensieve's 592 q/s: %.1fx%n",
                threshold, max, queries.size() / elapsed, percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99),
                withHit, queries.size(), hits, queries.size() / elapsed / 592);

        int threads = 2;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 2; round++) {
                List<Future<?>> runs = new ArrayList<>();
                long roundStart = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    runs.add(pool.submit(() -> {
                        for (String q : queries) {
                            index.search(q, threshold, max);
                        }
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
                double s = seconds(roundStart);
                System.out.printf("%d threads, round %d: %.0f q/s together%n", threads, round + 1, threads * queries.size() / s);
            }
        } finally {
            pool.shutdown();
        }

        checkAgainstFullScan(index, memory, queries.subList(0, Math.min(300, queries.size())));
    }

    private static List<String> readEnglish(Path tmx) throws IOException {
        List<String> texts = new ArrayList<>();
        new TmxReader().read(tmx, unit -> unit.variant("en").ifPresent(v -> texts.add(v.segment().plainText())));
        return texts;
    }

    /** As the spike: shuffled, at least 4 words, text found once in the file. */
    private static void holdOut(List<String> all, int count, Random random, List<String> queries, List<String> memory) {
        Map<String, Integer> copies = new HashMap<>();
        for (String text : all) {
            copies.merge(text, 1, Integer::sum);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        Set<Integer> held = new HashSet<>();
        for (int i : order) {
            if (held.size() >= count) {
                break;
            }
            String text = all.get(i);
            if (text.trim().split("\\s+").length >= 4 && copies.get(text) == 1) {
                held.add(i);
            }
        }
        for (int i = 0; i < all.size(); i++) {
            (held.contains(i) ? queries : memory).add(all.get(i));
        }
    }

    private static void checkAgainstFullScan(FuzzyIndex index, List<String> memory, List<String> queries) {
        long start = System.nanoTime();
        CharacterGrams[] units = new CharacterGrams[memory.size()];
        for (int i = 0; i < units.length; i++) {
            units[i] = CharacterGrams.of(memory.get(i));
        }
        int mismatches = 0;
        long compared = 0;
        for (String query : queries) {
            CharacterGrams q = CharacterGrams.of(query);
            float[] scores = new float[units.length];
            for (int i = 0; i < units.length; i++) {
                scores[i] = q.score(units[i]);
            }
            for (double threshold : new double[] {50, 75, 90}) {
                List<FuzzyHit> expected = new ArrayList<>();
                for (int i = 0; i < units.length; i++) {
                    if (scores[i] >= threshold) {
                        expected.add(new FuzzyHit(i, scores[i]));
                    }
                }
                expected.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : Integer.compare(a.unitId(), b.unitId()));
                compared += expected.size();
                if (!expected.equals(index.search(query, threshold, Integer.MAX_VALUE))) {
                    mismatches++;
                }
            }
        }
        System.out.printf("full-scan check: %d queries x thresholds 50/75/90, %d expected hits, %d result lists differ (%.1f s)%n",
                queries.size(), compared, mismatches, seconds(start));
    }

    private static double percentile(long[] sortedNanos, int p) {
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, i)] / 1e6;
    }

    private static long usedHeapAfterGc() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
