package org.puente.memory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code <header>} of a TMX file.
 *
 * @param version        the {@code version} of {@code <tmx>} as written ({@code 1.4},
 *                       {@code 1.1}...), or null
 * @param sourceLanguage normalized BCP 47 tag, or {@link TranslationUnit#ALL_LANGUAGES}
 * @param attributes     every header attribute as written, in file order
 *                       ({@code creationtool}, {@code adminlang}, {@code o-tmf}...)
 */
public record TmxHeader(
        String version,
        String sourceLanguage,
        String creationTool,
        String creationToolVersion,
        Map<String, String> attributes,
        List<TmProp> props,
        List<String> notes) {

    public TmxHeader {
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        props = props == null ? List.of() : List.copyOf(props);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
