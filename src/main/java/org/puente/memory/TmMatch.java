package org.puente.memory;

/**
 * One answer of the memory to a source segment.
 *
 * @param source         the memory's source text (plain)
 * @param target         its translation (plain)
 * @param targetLanguage the BCP 47 tag of the translation given
 * @param score          0..100: Pensieve's 4-gram Dice score; 100 only for the identical text
 *                       with the same codes, 99 when only codes differ, 98 when only case or
 *                       spacing differ
 * @param kind           how the memory's source differs from the query
 * @param regionFallback true when the translation is in another regional variant than the one
 *                       requested (pt-BR for a pt-PT request); a request without region takes any
 * @param origin         where the unit came from (IMPORT, ALIGNMENT, PACKAGE) and its detail
 * @param inContext      an {@link Kind#EXACT} match whose unit had the same segments before and
 *                       after it as the query (what CAT tools call a 101% or context match)
 * @param sourceSegment  the memory's source with its inline codes
 * @param targetSegment  the translation with its inline codes, ready to be placed
 */
public record TmMatch(String source, String target, String targetLanguage, float score, Kind kind,
                      boolean regionFallback, String origin, long unitId, boolean inContext,
                      TmSegment sourceSegment, TmSegment targetSegment) {

    public enum Kind {
        /** The same text with the same inline codes. */
        EXACT,
        /** The same text; only inline codes (formatting, tags) differ. */
        CODES,
        /** The same words; only letter case or spacing differ. */
        CASE_OR_SPACING,
        /** The same text once numbers are set aside: only numbers differ. */
        NUMBERS,
        /** Similar text. */
        FUZZY
    }
}
