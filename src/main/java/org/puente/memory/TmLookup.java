package org.puente.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private final JdbcClient jdbc;
    private final Map<String, Built> indexes = new ConcurrentHashMap<>();

    /** An index and the memory state it was built from (the highest variant id then). */
    private record Built(FuzzyIndex index, long version) {
    }

    public TmLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Matches for {@code text} in {@code sourceLanguage}, translated into {@code targetLanguage},
     * best first: at most {@code max}, none under {@code threshold}.
     */
    public List<TmMatch> lookup(String text, String sourceLanguage, String targetLanguage, double threshold, int max) {
        String source = LanguageTags.language(LanguageTags.normalize(sourceLanguage));
        String target = LanguageTags.normalize(targetLanguage);
        long version = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM tm_variant").query(Long.class).single();
        FuzzyIndex index = indexes.compute(source, (language, built) ->
                built != null && built.version() == version ? built : new Built(build(language), version)).index();
        // More hits than asked: some have no translation into the target language.
        List<FuzzyHit> hits = index.search(text, threshold, Math.max(max * 4, 20));
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
            TmMatch.Kind kind = kind(text, sourceVariant.text);
            // As Pensieve: 100 is for the identical text only; same grams but another text costs 2 points.
            float score = kind == TmMatch.Kind.EXACT ? 100f : hit.score() >= 100f ? 98f : hit.score();
            matches.add(new TmMatch(sourceVariant.text, translation.text, translation.language, score, kind,
                    target.indexOf('-') > 0 && !translation.language.equals(target), sourceVariant.origin,
                    sourceVariant.unitId));
        }
        matches.sort(Comparator.comparing((TmMatch m) -> -m.score()).thenComparing(TmMatch::regionFallback)
                .thenComparing(TmMatch::target));
        return matches.stream().limit(max).toList();
    }

    /** Forgets the indexes: the next lookup rebuilds them from the memory. */
    public void refresh() {
        indexes.clear();
    }

    static TmMatch.Kind kind(String query, String found) {
        if (query.equals(found)) {
            return TmMatch.Kind.EXACT;
        }
        String q = fold(query);
        String f = fold(found);
        if (q.equals(f)) {
            return TmMatch.Kind.CASE_OR_SPACING;
        }
        return q.replaceAll("\\d+", "#").equals(f.replaceAll("\\d+", "#")) ? TmMatch.Kind.NUMBERS : TmMatch.Kind.FUZZY;
    }

    private static String fold(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private FuzzyIndex build(String sourceLanguage) {
        FuzzyIndex index = new FuzzyIndex();
        jdbc.sql("SELECT id, plain_text FROM tm_variant WHERE base_language = ?").param(sourceLanguage)
                .query(rs -> {
                    index.add(Math.toIntExact(rs.getLong(1)), rs.getString(2));
                });
        index.trimToSize();
        return index;
    }

    private record Variant(long unitId, String language, String text, String origin) {
    }

    private Variant variant(int variantId) {
        return jdbc.sql("SELECT v.unit_id, v.language, v.plain_text, u.origin, u.origin_detail FROM tm_variant v "
                        + "JOIN tm_unit u ON u.id = v.unit_id WHERE v.id = ?")
                .param(variantId)
                .query((rs, n) -> new Variant(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4) + (rs.getString(5) == null ? "" : " " + rs.getString(5))))
                .optional().orElse(null);
    }

    /** The unit's translation in the target: the exact tag, else the bare language, else another region. */
    private Variant translation(long unitId, String target) {
        String base = LanguageTags.language(target);
        Map<String, Variant> byLanguage = new HashMap<>();
        jdbc.sql("SELECT language, plain_text FROM tm_variant WHERE unit_id = ? AND base_language = ? ORDER BY id")
                .params(unitId, base)
                .query((rs, n) -> new Variant(unitId, rs.getString(1), rs.getString(2), null))
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
