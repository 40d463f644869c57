package org.puente.memory;

import java.util.Objects;

/**
 * A TMX {@code <prop type="...">value</prop>}: tool-specific metadata of a header, unit or
 * variant (e.g. {@code x-package}, Trados' {@code x-Client}, Puente's own provenance). Kept
 * in file order as a list, not a map: the same type may repeat.
 */
public record TmProp(String type, String value) {

    public TmProp {
        Objects.requireNonNull(type, "type");
        value = value == null ? "" : value;
    }
}
