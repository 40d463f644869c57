package org.puente.memory;

/**
 * One answer of the memory to a source text.
 *
 * @param score          0..100: Pensieve's 4-gram Dice score, 100 only for the identical text
 * @param kind           how the memory's source differs from the query
 * @param targetLanguage the BCP 47 tag of the translation given
 * @param regionFallback true when the translation is in another regional variant than the one
 *                       requested (pt-BR for a pt-PT request); a request without region takes any
 * @param origin         where the unit came from (IMPORT, ALIGNMENT, PACKAGE) and its detail
 */
public record TmMatch(String source, String target, String targetLanguage, float score, Kind kind,
                      boolean regionFallback, String origin, long unitId) {

    public enum Kind {
        /** The same text. */
        EXACT,
        /** The same words; only letter case or spacing differ. */
        CASE_OR_SPACING,
        /** The same text once numbers are set aside: only numbers differ. */
        NUMBERS,
        /** Similar text. */
        FUZZY
    }
}
