package org.puente.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * How documents that translate each other are aligned into the memory, bound from
 * {@code puente.memory.alignment} in {@code pipeline/puente.yml}.
 */
public class AlignmentSettings {

    /** Whether {@code puente run} aligns the translation pairs whose documents changed. */
    private boolean enabled = true;
    /** Whether pairs are looked for in the inventory (language folders, file name markers). */
    private boolean findPairs = true;
    /**
     * Sentence pairs at or above this confidence go into the memory; the others wait for
     * review ({@code puente tm review}).
     */
    private double minConfidence = DEFAULT_MIN_CONFIDENCE;
    /** Pairs a coordinator declares: each document by its register id or one of its locations. */
    private List<DeclaredPair> pairs = new ArrayList<>();

    public static final double DEFAULT_MIN_CONFIDENCE = 0.6;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isFindPairs() { return findPairs; }
    public void setFindPairs(boolean findPairs) { this.findPairs = findPairs; }
    public double getMinConfidence() { return minConfidence; }
    public void setMinConfidence(double minConfidence) {
        if (minConfidence < 0 || minConfidence > 1) {
            throw new IllegalArgumentException("must be between 0 and 1");
        }
        this.minConfidence = minConfidence;
    }
    public List<DeclaredPair> getPairs() { return pairs; }
    public void setPairs(List<DeclaredPair> pairs) { this.pairs = pairs; }

    /** A source document and its translation, each a register id or a location. */
    public static class DeclaredPair {
        private String source;
        private String target;

        public DeclaredPair() {
        }

        public DeclaredPair(String source, String target) {
            this.source = source;
            this.target = target;
        }

        public String getSource() { return source; }
        public void setSource(String source) { this.source = source; }
        public String getTarget() { return target; }
        public void setTarget(String target) { this.target = target; }
    }
}
