package org.puente.extraction;

import java.util.Map;

/**
 * The languages of a text: the main one, how sure that is, and the share of each language in
 * the text (by characters of its paragraphs), so that a half-translated document shows as such.
 *
 * @param language   a configured language tag (es, en, pt), {@code other}, or {@code unknown}
 * @param confidence 0..1
 * @param shares     language tag to share 0..1, largest first; shares sum to 1 when not empty
 */
public record LanguageProfile(String language, double confidence, Map<String, Double> shares) {

    public static final String UNKNOWN = "unknown";
    public static final String OTHER = "other";

    public LanguageProfile {
        shares = shares == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(shares));
    }

    public static LanguageProfile unknown() {
        return new LanguageProfile(UNKNOWN, 0, Map.of());
    }
}
