package org.puente.memory;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One document's row of a leverage report: its counts in every band (all bands present, zero
 * where nothing fell) and its weighted words.
 *
 * @param location       the document's first present location, as the register shows it
 * @param sourceLanguage the document's language in the register (es, en, pt)
 */
public record DocumentLeverage(String documentId, String title, String location, String sourceLanguage,
                               Map<MatchBand, BandCounts> bands, double weightedWords) {

    public DocumentLeverage {
        EnumMap<MatchBand, BandCounts> all = new EnumMap<>(MatchBand.class);
        for (MatchBand band : MatchBand.values()) {
            all.put(band, bands.getOrDefault(band, BandCounts.NONE));
        }
        bands = Collections.unmodifiableMap(all);
    }

    public BandCounts band(MatchBand band) {
        return bands.get(band);
    }

    public BandCounts total() {
        return bands.values().stream().reduce(BandCounts.NONE, BandCounts::plus);
    }

    /** The title, or else the location's last part, or else the id: what a reader recognises. */
    public String displayName() {
        return LeverageReport.displayName(documentId, title, location);
    }
}
