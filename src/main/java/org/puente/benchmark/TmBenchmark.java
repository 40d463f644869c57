package org.puente.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.io.file.PathUtils;
import org.flywaydb.core.Flyway;
import org.puente.config.PuenteProperties;
import org.puente.memory.LanguageTags;
import org.puente.memory.TmImportResult;
import org.puente.memory.TmLookup;
import org.puente.memory.TmMatch;
import org.puente.memory.TmxReader;
import org.puente.memory.TmxWriter;
import org.puente.memory.TranslationMemory;
import org.puente.memory.TranslationUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

import net.sf.okapi.common.LocaleId;
import net.sf.okapi.common.resource.TextFragment;
import net.sf.okapi.filters.tmx.TmxFilter;
import net.sf.okapi.tm.pensieve.common.TmHit;
import net.sf.okapi.tm.pensieve.seeker.ITmSeeker;
import net.sf.okapi.tm.pensieve.seeker.TmSeekerFactory;
import net.sf.okapi.tm.pensieve.tmx.OkapiTmxImporter;
import net.sf.okapi.tm.pensieve.writer.ITmWriter;
import net.sf.okapi.tm.pensieve.writer.TmWriterFactory;

/**
 * The translation memory against Okapi's Pensieve TM on the same memory and the same queries,
 * in one run: import time, fuzzy lookups per second and latency, and how many of Pensieve's
 * matches the memory also finds.
 *
 * <p>Queries are real sentences: units drawn at random from the TMX (sources of four words or
 * more that occur once) are held out, and both engines import the rest, written to a scratch
 * TMX. Puente imports into a fresh embedded database under the scratch folder (the user's memory
 * is not touched) and answers through {@link TmLookup}, the API the later stages use, which
 * returns each match's translation from the database; Pensieve answers through its seeker, which
 * returns the unit from its Lucene index.
 */
public final class TmBenchmark {

    /**
     * @param sourceLanguage, targetLanguage the pair measured (the TMX must hold both)
     * @param work            scratch folder, emptied first
     */
    public record Options(Path tmx, String sourceLanguage, String targetLanguage, int queries, int threshold,
                          int max, long seed, Path work) {
    }

    private static final String STAX_PROPERTY = "javax.xml.stream.XMLInputFactory";
    private static final String JDK_STAX = "com.sun.xml.internal.stream.XMLInputFactoryImpl";

    private final Options options;
    private final PrintStream out;

    public TmBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** One engine's timings. */
    private record Figures(double importSeconds, double indexSeconds, double queriesPerSecond, double p50, double p95,
                           int withMatch, long heapMegabytes) {
    }

    public void run() throws IOException {
        Path work = options.work();
        if (Files.exists(work)) {
            PathUtils.deleteDirectory(work);
        }
        Files.createDirectories(work);
        out.printf(Locale.ROOT, "Java %s, %d cores, heap limit %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        // 1. Queries held out of the memory; the rest written as the memory both engines import.
        String from = LanguageTags.normalize(options.sourceLanguage());
        String to = LanguageTags.normalize(options.targetLanguage());
        TmxReader reader = new TmxReader();
        Map<String, Integer> sources = new HashMap<>();
        List<String> texts = new ArrayList<>();
        reader.read(options.tmx(), unit -> {
            String source = unit.variant(from).map(v -> v.segment().plainText()).orElse(null);
            texts.add(source);
            if (source != null) {
                sources.merge(source, 1, Integer::sum);
            }
        });
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(options.seed()));
        Set<Integer> heldOut = new HashSet<>();
        for (int i : order) {
            String source = texts.get(i);
            if (heldOut.size() < options.queries() && source != null && source.strip().split("\\s+").length >= 4
                    && sources.get(source) == 1) {
                heldOut.add(i);
            }
        }
        List<String> queries = new ArrayList<>();
        for (int i : order) {
            if (heldOut.contains(i)) {
                queries.add(texts.get(i));
            }
        }
        texts.clear();
        sources.clear();
        Path memoryFile = work.resolve("memory.tmx");
        int[] position = {0};
        try (TmxWriter writer = new TmxWriter(memoryFile, TmxWriter.header(from, "benchmark"))) {
            reader.read(options.tmx(), unit -> {
                if (!heldOut.contains(position[0]++) && unit.variant(from).isPresent() && unit.variant(to).isPresent()) {
                    try {
                        writer.write(unit);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            writer.commit();
            out.printf(Locale.ROOT, "Memory: %,d units of %s (%s-%s), %,d held-out sentences as queries, threshold %d, max %d%n%n",
                    writer.unitsWritten(), options.tmx(), from, to, queries.size(), options.threshold(), options.max());
        }
        if (queries.isEmpty()) {
            throw new IllegalArgumentException(options.tmx() + " holds no " + from + " sentence of four words or more to query with");
        }

        // 2. Pensieve.
        Path pensieveDir = Files.createDirectories(work.resolve("pensieve"));
        gc();
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        ITmWriter pensieveWriter = TmWriterFactory.createFileBasedTmWriter(pensieveDir.toString(), true);
        // Okapi's TMX filter asks for a StAX provider by name and finds none without Woodstox, which
        // is left off the class path (it would replace the JDK's parser for every library): it gets
        // the JDK's, as Puente's reader uses, with the entity size limits lifted as Puente's reader
        // lifts them (since JDK 24 they count &lt; and the like, and a large TMX goes over them).
        Map<String, String> saved = new HashMap<>();
        Map<String, String> settings = Map.of(STAX_PROPERTY, JDK_STAX,
                "jdk.xml.maxGeneralEntitySizeLimit", "0", "jdk.xml.totalEntitySizeLimit", "0");
        settings.forEach((key, value) -> {
            saved.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
        try {
            new OkapiTmxImporter(LocaleId.fromBCP47(from), new TmxFilter())
                    .importTmx(memoryFile.toUri(), LocaleId.fromBCP47(to), pensieveWriter);
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
        pensieveWriter.close();
        double pensieveImport = seconds(start);
        start = System.nanoTime();
        List<List<String>> pensieveRecall = new ArrayList<>();
        Figures pensieve;
        try (ITmSeeker seeker = TmSeekerFactory.createFileBasedTmSeeker(pensieveDir.toString())) {
            double pensieveOpen = seconds(start);
            Function<String, Integer> search = q -> seeker.searchFuzzy(new TextFragment(q), options.threshold(), options.max(), null).size();
            pensieve = measure(queries, search, pensieveImport, pensieveOpen, heapBefore);
            for (String q : queries) {
                List<String> keys = new ArrayList<>();
                for (TmHit hit : seeker.searchFuzzy(new TextFragment(q), options.threshold(), 1000, null)) {
                    keys.add(key(plain(hit.getTu().getSource().getContent()), plain(hit.getTu().getTarget().getContent())));
                }
                pensieveRecall.add(keys);
            }
        } catch (Exception e) {
            throw new IOException("Pensieve failed: " + e.getMessage(), e);
        }

        // 3. Puente, in a fresh embedded database.
        Figures puente;
        long found = 0;
        long pensieveMatches = 0;
        int queriesMissing = 0;
        try (HikariDataSource database = scratchDatabase(work.resolve("db"))) {
            JdbcClient jdbc = JdbcClient.create(database);
            PuenteProperties scratch = new PuenteProperties();
            scratch.setWorkDir(work);
            TranslationMemory memory = new TranslationMemory(jdbc, new JdbcTemplate(database),
                    new DataSourceTransactionManager(database), scratch);
            TmLookup lookup = new TmLookup(jdbc, scratch);
            gc();
            heapBefore = usedHeap();
            start = System.nanoTime();
            TmImportResult imported = memory.importTmx(memoryFile);
            double puenteImport = seconds(start);
            start = System.nanoTime();
            lookup.lookup(queries.get(0), from, to, options.threshold(), 1); // builds the index
            double puenteIndex = seconds(start);
            puente = measure(queries, q -> lookup.lookup(q, from, to, options.threshold(), options.max()).size(),
                    puenteImport, puenteIndex, heapBefore);
            out.printf(Locale.ROOT, "Puente imported %,d units (%,d merged as duplicates, %,d conflicting translations kept)%n",
                    imported.added(), imported.merged(), imported.conflicts());
            for (int i = 0; i < queries.size(); i++) {
                Set<String> ours = new HashSet<>();
                for (TmMatch m : lookup.lookup(queries.get(i), from, to, options.threshold(), 1000)) {
                    ours.add(key(m.source(), m.target()));
                }
                boolean missing = false;
                for (String theirs : pensieveRecall.get(i)) {
                    pensieveMatches++;
                    if (ours.contains(theirs)) {
                        found++;
                    } else {
                        missing = true;
                    }
                }
                if (missing) {
                    queriesMissing++;
                }
            }
        }

        // 4. Side by side.
        out.printf(Locale.ROOT, "%n%-9s %10s %10s %10s %10s %10s %12s %10s%n", "engine", "import s", "index s", "lookups/s",
                "p50 ms", "p95 ms", "with match", "heap MB");
        print("Pensieve", pensieve, queries.size());
        print("Puente", puente, queries.size());
        out.printf(Locale.ROOT, "%nPuente / Pensieve: lookups/s %.1fx, p95 %.1fx faster, import %.2fx the time%n",
                puente.queriesPerSecond() / pensieve.queriesPerSecond(), pensieve.p95() / puente.p95(),
                puente.importSeconds() / pensieve.importSeconds());
        out.printf(Locale.ROOT, "Pensieve's matches (threshold %d, all of them) also found by Puente: %,d of %,d (%.2f%%); "
                        + "queries missing one: %d%n", options.threshold(), found, pensieveMatches,
                pensieveMatches == 0 ? 100.0 : 100.0 * found / pensieveMatches, queriesMissing);
        out.printf(Locale.ROOT, "Peak heap of the whole run: %d MB%n", PeakHeap.megabytes());
    }

    private Figures measure(List<String> queries, Function<String, Integer> search, double importSeconds,
                            double indexSeconds, long heapBefore) {
        int warmUp = Math.min(500, queries.size());
        for (int i = 0; i < warmUp; i++) {
            search.apply(queries.get(i));
        }
        long[] latencies = new long[queries.size()];
        int withMatch = 0;
        long start = System.nanoTime();
        for (int i = 0; i < queries.size(); i++) {
            long t = System.nanoTime();
            if (search.apply(queries.get(i)) > 0) {
                withMatch++;
            }
            latencies[i] = System.nanoTime() - t;
        }
        double total = seconds(start);
        Arrays.sort(latencies);
        gc();
        return new Figures(importSeconds, indexSeconds, queries.size() / total, latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.95)] / 1e6, withMatch, (usedHeap() - heapBefore) >> 20);
    }

    private void print(String engine, Figures f, int queries) {
        out.printf(Locale.ROOT, "%-9s %10.2f %10.2f %10.0f %10.3f %10.3f %6d/%-5d %10d%n", engine, f.importSeconds(),
                f.indexSeconds(), f.queriesPerSecond(), f.p50(), f.p95(), f.withMatch(), queries, f.heapMegabytes());
    }

    private static HikariDataSource scratchDatabase(Path folder) {
        HikariDataSource database = new HikariDataSource();
        database.setJdbcUrl("jdbc:h2:file:" + folder.toAbsolutePath().resolve("benchmark") + ";WRITE_DELAY=0");
        database.setUsername("sa");
        database.setMaximumPoolSize(2);
        Flyway.configure().dataSource(database).load().migrate();
        return database;
    }

    /** A Pensieve fragment's text without its codes, as the memory's plain text. */
    private static String plain(TextFragment fragment) {
        if (fragment == null) {
            return "";
        }
        String coded = fragment.getCodedText();
        StringBuilder b = new StringBuilder(coded.length());
        for (int i = 0; i < coded.length(); i++) {
            if (TextFragment.isMarker(coded.charAt(i))) {
                i++; // the marker's index character
            } else {
                b.append(coded.charAt(i));
            }
        }
        return b.toString();
    }

    private static String key(String source, String target) {
        return source.strip().replaceAll("\\s+", " ") + '\u0001' + target.strip().replaceAll("\\s+", " ");
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
