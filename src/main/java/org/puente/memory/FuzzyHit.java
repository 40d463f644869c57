package org.puente.memory;

/**
 * One unit found by {@link FuzzyIndex#search}: the caller's id of the unit and Pensieve's score
 * of its text against the query (see {@link CharacterGrams#pensieveScore}), 0 to 100.
 */
public record FuzzyHit(int unitId, float score) {
}
