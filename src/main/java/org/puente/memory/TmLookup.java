package org.puente.memory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.puente.config.AtomicFile;
import org.puente.config.PuenteProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers "what does the memory hold for this text": exact and fuzzy matches from any source
 * language to any target language, with the regional variant asked for first. One fuzzy index per
 * source language, built from the database on first use (about half a second per 100k units)
 * and again when units were added since.
 */
@Component
public class TmLookup {

    public static final double DEFAULT_THRESHOLD = 75;
    /** Changes when the stored form of the fuzzy index does. */
    private static final int INDEX_FORMAT = 1;
    private static final Logger log = LoggerFactory.getLogger(TmLookup.class);

    private final JdbcClient jdbc;
    private final Map<String, Built> indexes = new ConcurrentHashMap<>();
    private final TmxReader reader = new TmxReader();
    /** Where the fuzzy indexes are kept between processes: rebuilt from the memory when stale or missing. */
    private final Path indexDir;

    /** An index and the memory state it was built from (variant count and highest id then). */
    private record Built(FuzzyIndex index, String version) {
    }

    public TmLookup(JdbcClient jdbc, PuenteProperties properties) {
        this.jdbc = jdbc;
        this.indexDir = properties.getWorkDir().resolve("index");
    }

    /**
     * Matches for {@code text} in {@code sourceLanguage}, translated into {@code targetLanguage},
     * best first: at most {@code max}, none under {@code threshold}. Without context: no match is
     * in-context.
     */
    public List<TmMatch> lookup(String text, String sourceLanguage, String targetLanguage, double threshold, int max) {
        return lookup(TmSegment.of(text), null, null, sourceLanguage, targetLanguage, threshold, max);
    }

    /**
     * As {@link #lookup(String, String, String, double, int)}, with the segments around the
     * text in its document, so that an exact match can be in-context.
     *
     * @param previous the segment before, "" at the start of the document, null when unknown
     * @param next     the segment after, "" at the end of the document, null when unknown
     */
    public List<TmMatch> lookup(String text, String previous, String next, String sourceLanguage, String targetLanguage,
                                double threshold, int max) {
        return lookup(TmSegment.of(text), previous, next, sourceLanguage, targetLanguage, threshold, max);
    }

    /**
     * The general form: the query is a segment that may hold inline codes (from a document or a
     * translator's package); a memory source with the same text but other codes is a
     * {@link TmMatch.Kind#CODES} match, and every match gives the translation with its codes.
     */
    public List<TmMatch> lookup(TmSegment query, String previous, String next, String sourceLanguage,
                                String targetLanguage, double threshold, int max) {
        String text = query.plainText();
        String source = LanguageTags.language(LanguageTags.normalize(sourceLanguage));
        String target = LanguageTags.normalize(targetLanguage);
        // The memory's state: a changed count or highest id means units were added or removed since the build.
        String version = jdbc.sql("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM tm_variant")
                .query((rs, n) -> rs.getLong(1) + ":" + rs.getLong(2)).single();
        FuzzyIndex index = indexes.compute(source, (language, built) ->
                built != null && built.version().equals(version) ? built : new Built(build(language, version), version)).index();
        String before = previous == null ? null : SegmentContext.key(previous);
        String after = next == null ? null : SegmentContext.key(next);
        // The identical texts come first whatever the ties among the fuzzy hits.
        List<FuzzyHit> identical = jdbc.sql("SELECT id FROM tm_variant WHERE text_key = ? AND base_language = ?")
                .params(TranslationMemory.textKey(text), source)
                .query((rs, n) -> new FuzzyHit(Math.toIntExact(rs.getLong(1)), 100f)).list();
        Set<Integer> identicalIds = new HashSet<>();
        identical.forEach(h -> identicalIds.add(h.unitId()));
        // More hits than asked, since some have no translation into the target language; when too
        // few of them have one (many sources with the same grams, translated into other languages),
        // look further.
        int wanted = Math.max(max * 4, 20);
        List<TmMatch> matches;
        while (true) {
            List<FuzzyHit> hits = new ArrayList<>(identical);
            List<FuzzyHit> found = index.search(text, threshold, wanted);
            found.stream().filter(h -> !identicalIds.contains(h.unitId())).forEach(hits::add);
            matches = matches(query, hits, target, before, after);
            if (matches.size() >= max || found.size() < wanted) {
                break;
            }
            wanted *= 4;
        }
        matches.sort(Comparator.comparing((TmMatch m) -> !m.inContext()).thenComparing(m -> -m.score())
                .thenComparing(TmMatch::regionFallback).thenComparing(TmMatch::target));
        return matches.stream().limit(max).toList();
    }

    private List<TmMatch> matches(TmSegment query, List<FuzzyHit> hits, String target, String before, String after) {
        List<TmMatch> matches = new ArrayList<>();
        for (FuzzyHit hit : hits) {
            Variant sourceVariant = variant(hit.unitId());
            if (sourceVariant == null) {
                continue;
            }
            Variant translation = translation(sourceVariant.unitId, target);
            if (translation == null) {
                continue;
            }
            TmSegment sourceSegment = segment(sourceVariant.xml);
            TmMatch.Kind kind = kind(query, sourceSegment);
            float score = switch (kind) {
                case EXACT -> 100f;
                case CODES -> 99f;
                // As Pensieve: same grams but another text costs 2 points.
                default -> hit.score() >= 100f ? 98f : Math.min(hit.score(), 98f);
            };
            boolean inContext = kind == TmMatch.Kind.EXACT && before != null && after != null
                    && before.equals(sourceVariant.contextBefore) && after.equals(sourceVariant.contextAfter);
            matches.add(new TmMatch(sourceVariant.text, translation.text, translation.language, score, kind,
                    target.indexOf('-') > 0 && !translation.language.equals(target), sourceVariant.origin,
                    sourceVariant.unitId, inContext, sourceSegment, segment(translation.xml)));
        }
        return matches;
    }

    /** Forgets the indexes: the next lookup rebuilds them from the memory. */
    public void refresh() {
        indexes.clear();
    }

    static TmMatch.Kind kind(TmSegment query, TmSegment found) {
        String q = query.plainText();
        String f = found.plainText();
        if (q.equals(f)) {
            return sameCodes(query, found) ? TmMatch.Kind.EXACT : TmMatch.Kind.CODES;
        }
        q = fold(q);
        f = fold(f);
        if (q.equals(f)) {
            return TmMatch.Kind.CASE_OR_SPACING;
        }
        return q.replaceAll("\\d+", "#").equals(f.replaceAll("\\d+", "#")) ? TmMatch.Kind.NUMBERS : TmMatch.Kind.FUZZY;
    }

    /** Same codes at the same places: the same coded text, and the same native code behind each marker. */
    private static boolean sameCodes(TmSegment a, TmSegment b) {
        if (!a.hasCodes() && !b.hasCodes()) {
            return true;
        }
        if (!a.codedText().equals(b.codedText())) {
            return false;
        }
        List<TmSegment.Code> ca = a.codes();
        List<TmSegment.Code> cb = b.codes();
        for (int i = 0; i < ca.size(); i++) {
            if (!ca.get(i).nativeCode().equals(cb.get(i).nativeCode())) {
                return false;
            }
        }
        return true;
    }

    private TmSegment segment(String xml) {
        try {
            return reader.segment(xml);
        } catch (java.io.IOException e) {
            // The memory only holds segments it wrote itself; one that does not read back is damage.
            throw new IllegalStateException("a stored segment cannot be read: " + e.getMessage(), e);
        }
    }

    private static String fold(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * The index of a source language: the one kept in the working folder when it was built from
     * this same memory (same database, same variants), else built from the memory and kept.
     */
    private FuzzyIndex build(String sourceLanguage, String version) {
        String stamp = version + ":" + sourceLanguage + ":" + databaseCreated();
        Path file = indexDir.resolve("fuzzy-" + sourceLanguage + ".bin");
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                if (in.readInt() == INDEX_FORMAT && in.readUTF().equals(stamp)) {
                    return FuzzyIndex.read(in);
                }
            } catch (IOException | RuntimeException unusable) {
                log.info("rebuilding the fuzzy index {}: {}", file, unusable.getMessage());
            }
        }
        FuzzyIndex index = new FuzzyIndex();
        jdbc.sql("SELECT id, plain_text FROM tm_variant WHERE base_language = ?").param(sourceLanguage)
                .query(rs -> {
                    index.add(Math.toIntExact(rs.getLong(1)), rs.getString(2));
                });
        index.trimToSize();
        try {
            AtomicFile.writeBinary(file, out -> {
                DataOutputStream header = new DataOutputStream(out);
                header.writeInt(INDEX_FORMAT);
                header.writeUTF(stamp);
                header.flush();
                index.write(out);
            });
        } catch (IOException e) {
            log.info("the fuzzy index could not be kept in {} (it is rebuilt next time): {}", file, e.getMessage());
        }
        return index;
    }

    /** When the database was created: a database made again from scratch has other ids behind the same counts. */
    private String databaseCreated() {
        return jdbc.sql("SELECT CAST(MIN(\"installed_on\") AS VARCHAR) FROM \"flyway_schema_history\"")
                .query(String.class).optional().orElse("");
    }

    private record Variant(long unitId, String language, String text, String xml, String origin,
                           String contextBefore, String contextAfter) {
    }

    private Variant variant(int variantId) {
        return jdbc.sql("SELECT v.unit_id, v.language, v.plain_text, v.segment_xml, u.origin, u.origin_detail, "
                        + "v.context_before, v.context_after FROM tm_variant v JOIN tm_unit u ON u.id = v.unit_id WHERE v.id = ?")
                .param(variantId)
                .query((rs, n) -> new Variant(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5) + (rs.getString(6) == null ? "" : " " + rs.getString(6)),
                        rs.getString(7), rs.getString(8)))
                .optional().orElse(null);
    }

    /** The unit's translation in the target: the exact tag, else the bare language, else another region. */
    private Variant translation(long unitId, String target) {
        String base = LanguageTags.language(target);
        Map<String, Variant> byLanguage = new HashMap<>();
        jdbc.sql("SELECT language, plain_text, segment_xml FROM tm_variant WHERE unit_id = ? AND base_language = ? ORDER BY id")
                .params(unitId, base)
                .query((rs, n) -> new Variant(unitId, rs.getString(1), rs.getString(2), rs.getString(3), null, null, null))
                .list().forEach(v -> byLanguage.putIfAbsent(v.language, v));
        if (byLanguage.isEmpty()) {
            return null;
        }
        Variant exact = byLanguage.get(target);
        if (exact != null) {
            return exact;
        }
        Variant bare = byLanguage.get(base);
        return bare != null ? bare : byLanguage.values().iterator().next();
    }
}
