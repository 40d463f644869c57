package org.puente.inventory;

import java.util.List;

/**
 * A document of the register as later stages need it to work on its text: what it is, its
 * language and where it is. Its text is {@link DocumentRepository#text(String)}.
 *
 * @param language  the main language ({@code es}, {@code en}, {@code pt}...), {@code other} or {@code unknown}
 * @param textChars characters of extracted text
 * @param locations its present locations (all of them when it is gone), in the order first seen
 */
public record TextDocument(String id, String sha256, String state, String status, String language, String mediaType,
                           int textChars, List<String> locations) {

    public TextDocument {
        locations = List.copyOf(locations);
    }

    /** The first location, to name the document to a person. */
    public String location() {
        return locations.isEmpty() ? id : locations.get(0);
    }
}
