package org.puente.memory;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a segment falls in a leverage analysis, in report order. The memory bands are decided by
 * the best match's score (Pensieve's, 100 only for the identical text): a band holds the scores
 * from its lower bound up to the next band's, so 94.9 is in 85–94%.
 *
 * <p>Precedence, as Trados counts: a match that needs no work (in context, or 100%) is counted as
 * such even when the segment repeats; otherwise a segment identical to an earlier one of the same
 * document is a repetition within the document, one identical to a segment of an earlier
 * document of the batch a repetition across the batch (the first occurrence is counted by its
 * match); everything else by its best fuzzy score, or no match under 50.
 */
public enum MatchBand {

    /** An exact match whose unit had the same previous and next segments (101%). */
    IN_CONTEXT("in-context", "101%", 100),
    /** The identical text is in the memory (with inline codes the text lacks it is 99, in 95–99). */
    EXACT("exact", "100%", 100),
    FUZZY_95_99("fuzzy-95-99", "95-99", 95),
    FUZZY_85_94("fuzzy-85-94", "85-94", 85),
    FUZZY_75_84("fuzzy-75-84", "75-84", 75),
    FUZZY_50_74("fuzzy-50-74", "50-74", 50),
    /** Nothing in the memory scores 50 or more. */
    NO_MATCH("no-match", "new", 0),
    /** The same text (spacing aside) as an earlier segment of the same document. */
    REPETITION_DOCUMENT("repetition-document", "rep", 0),
    /** The same text as a segment of an earlier document of the batch. */
    REPETITION_BATCH("repetition-batch", "x-rep", 0);

    /** The lowest score a lookup must return for a segment to leave the no-match band. */
    public static final double LOWEST_SCORE = 50;

    private final String key;
    private final String label;
    private final int lowerBound;

    MatchBand(String key, String label, int lowerBound) {
        this.key = key;
        this.label = label;
        this.lowerBound = lowerBound;
    }

    /** The band's name in configuration ({@code puente.memory.leverage.weights.<key>}) and JSON. */
    public String key() {
        return key;
    }

    /** The band's prefix in CSV columns and database rows: {@code fuzzy_95_99}. */
    public String column() {
        return key.replace('-', '_');
    }

    /** A short heading for a terminal table. */
    public String label() {
        return label;
    }

    /** The lowest score of a memory band; 0 for no match and the repetitions. */
    public int lowerBound() {
        return lowerBound;
    }

    /**
     * The band of a segment.
     *
     * @param bestScore          the best match's score, 0 when there is none
     * @param inContext          the best match is exact and its unit's neighbours are the segment's
     * @param repeatedInDocument an earlier segment of the document has the same text
     * @param repeatedInBatch    a segment of an earlier document of the batch has the same text
     */
    public static MatchBand of(double bestScore, boolean inContext, boolean repeatedInDocument, boolean repeatedInBatch) {
        if (bestScore >= 100) {
            return inContext ? IN_CONTEXT : EXACT;
        }
        if (repeatedInDocument) {
            return REPETITION_DOCUMENT;
        }
        if (repeatedInBatch) {
            return REPETITION_BATCH;
        }
        for (MatchBand band : new MatchBand[] {FUZZY_95_99, FUZZY_85_94, FUZZY_75_84, FUZZY_50_74}) {
            if (bestScore >= band.lowerBound) {
                return band;
            }
        }
        return NO_MATCH;
    }

    /** The band with this configuration key; the message lists the keys there are. */
    public static MatchBand ofKey(String key) {
        String wanted = key.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(b -> b.key.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + key + "' is no match band; the bands are "
                        + Arrays.stream(values()).map(MatchBand::key).collect(Collectors.joining(", "))));
    }
}
