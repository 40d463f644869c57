package org.puente.memory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * How the translation memory segments and matches, bound from {@code puente.memory} in
 * {@code pipeline/puente.yml}, with sections for alignment and leverage analysis.
 */
public class MemorySettings {

    /** SRX 2.0 sentence segmentation rules for every language. */
    private Path segmentationRules = Segmenter.DEFAULT_RULES_FILE;
    /** Lowest fuzzy score (0..100) a lookup answers with, unless the caller asks for another. */
    private double fuzzyThreshold = TmLookup.DEFAULT_THRESHOLD;
    /** The leverage analysis ({@code puente.memory.leverage.*}). */
    private LeverageSettings leverage = new LeverageSettings();
    /** Alignment of documents that translate each other ({@code puente.memory.alignment.*}). */
    @NestedConfigurationProperty
    private AlignmentSettings alignment = new AlignmentSettings();

    public Path getSegmentationRules() { return segmentationRules; }
    public void setSegmentationRules(Path segmentationRules) { this.segmentationRules = segmentationRules; }
    public double getFuzzyThreshold() { return fuzzyThreshold; }
    public void setFuzzyThreshold(double fuzzyThreshold) {
        if (fuzzyThreshold < 0 || fuzzyThreshold > 100) {
            throw new IllegalArgumentException("must be between 0 and 100");
        }
        this.fuzzyThreshold = fuzzyThreshold;
    }
    public LeverageSettings getLeverage() { return leverage; }
    public void setLeverage(LeverageSettings leverage) { this.leverage = leverage; }
    public AlignmentSettings getAlignment() { return alignment; }
    public void setAlignment(AlignmentSettings alignment) { this.alignment = alignment; }

    /**
     * How the leverage analysis ({@code puente tm analyze}) weighs its bands, bound from
     * {@code puente.memory.leverage}. The band names are {@link MatchBand}'s, checked when the
     * analysis starts.
     */
    public static class LeverageSettings {

        /**
         * Share of a new word's cost that a word of each band costs (weighted words), by band:
         * {@code in-context}, {@code exact}, {@code fuzzy-95-99}, {@code fuzzy-85-94},
         * {@code fuzzy-75-84}, {@code fuzzy-50-74}, {@code no-match},
         * {@code repetition-document}, {@code repetition-batch}. A band left out keeps its
         * default (see the README).
         */
        private Map<String, Double> weights = new LinkedHashMap<>();

        public Map<String, Double> getWeights() { return weights; }
        public void setWeights(Map<String, Double> weights) { this.weights = weights; }
    }
}
