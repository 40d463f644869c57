package org.puente.memory;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One language version of a unit: a TMX {@code <tuv>}.
 *
 * @param language     BCP 47 tag as {@link LanguageTags#normalize} writes it ({@code en-US},
 *                     {@code es-419}, {@code pt-BR}), from {@code xml:lang} or, in TMX 1.1 files,
 *                     {@code lang}
 * @param creationDate {@code creationdate} of the tuv (OmegaT puts dates here), or null
 * @param attributes   the tuv's other attributes in file order ({@code usagecount},
 *                     {@code o-encoding}, {@code creationtool}...), kept for writing back
 */
public record TranslationVariant(
        String language,
        Instant creationDate,
        String creationId,
        Instant changeDate,
        String changeId,
        Map<String, String> attributes,
        List<TmProp> props,
        List<String> notes,
        TmSegment segment) {

    public TranslationVariant {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(segment, "segment");
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        props = props == null ? List.of() : List.copyOf(props);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A variant with only a language and a segment. */
    public static TranslationVariant of(String language, TmSegment segment) {
        return new TranslationVariant(LanguageTags.normalize(language), null, null, null, null, null, null, null, segment);
    }
}
