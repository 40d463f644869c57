package org.puente.memory;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The share of a new word's cost that a word of each band costs, for "weighted words": the
 * figure a translation is quoted on. The defaults are a common agency grid; each band can be
 * set in {@code puente.memory.leverage.weights}.
 */
public record LeverageWeights(Map<MatchBand, Double> byBand) {

    public static final LeverageWeights DEFAULT = new LeverageWeights(defaults());

    public LeverageWeights {
        EnumMap<MatchBand, Double> copy = new EnumMap<>(MatchBand.class);
        copy.putAll(byBand);
        for (MatchBand band : MatchBand.values()) {
            Double w = copy.get(band);
            if (w == null || !Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("puente.memory.leverage.weights." + band.key()
                        + " must be a number of 0 or more, not " + w);
            }
        }
        byBand = Collections.unmodifiableMap(copy);
    }

    /** The defaults, with the bands given in {@code overrides} (by configuration key) replaced. */
    public static LeverageWeights of(Map<String, Double> overrides) {
        EnumMap<MatchBand, Double> weights = new EnumMap<>(DEFAULT.byBand);
        overrides.forEach((key, weight) -> {
            MatchBand band;
            try {
                band = MatchBand.ofKey(key);
            } catch (IllegalArgumentException e) {
                // No cause: the startup error shows the innermost message, which must name the setting.
                throw new IllegalArgumentException("puente.memory.leverage.weights: " + e.getMessage());
            }
            weights.put(band, weight);
        });
        return new LeverageWeights(weights);
    }

    public double of(MatchBand band) {
        return byBand.get(band);
    }

    /** Words of each band times the band's weight, summed. */
    public double weightedWords(Map<MatchBand, BandCounts> bands) {
        double sum = 0;
        for (Map.Entry<MatchBand, BandCounts> e : bands.entrySet()) {
            sum += e.getValue().words() * of(e.getKey());
        }
        return sum;
    }

    private static Map<MatchBand, Double> defaults() {
        EnumMap<MatchBand, Double> w = new EnumMap<>(MatchBand.class);
        w.put(MatchBand.IN_CONTEXT, 0.1);
        w.put(MatchBand.EXACT, 0.2);
        w.put(MatchBand.FUZZY_95_99, 0.3);
        w.put(MatchBand.FUZZY_85_94, 0.4);
        w.put(MatchBand.FUZZY_75_84, 0.6);
        w.put(MatchBand.FUZZY_50_74, 1.0);
        w.put(MatchBand.NO_MATCH, 1.0);
        w.put(MatchBand.REPETITION_DOCUMENT, 0.2);
        w.put(MatchBand.REPETITION_BATCH, 0.2);
        return w;
    }
}
