package org.puente.memory;

import java.nio.file.Path;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * How the translation memory segments and matches, bound from {@code puente.memory} in
 * {@code pipeline/puente.yml}. Alignment has its own section; leverage analysis will too.
 */
public class MemorySettings {

    /** SRX 2.0 sentence segmentation rules for every language. */
    private Path segmentationRules = Segmenter.DEFAULT_RULES_FILE;
    /** Lowest fuzzy score (0..100) a lookup answers with, unless the caller asks for another. */
    private double fuzzyThreshold = TmLookup.DEFAULT_THRESHOLD;
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
    public AlignmentSettings getAlignment() { return alignment; }
    public void setAlignment(AlignmentSettings alignment) { this.alignment = alignment; }
}
