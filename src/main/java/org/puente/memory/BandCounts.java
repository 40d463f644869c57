package org.puente.memory;

/**
 * What fell in one band: segments, words (as the register counts them) and characters
 * (letters, digits and punctuation: whitespace is not counted, as GMX-V counts characters).
 */
public record BandCounts(int segments, long words, long characters) {

    public static final BandCounts NONE = new BandCounts(0, 0, 0);

    public BandCounts plus(BandCounts other) {
        return new BandCounts(segments + other.segments, words + other.words, characters + other.characters);
    }
}
