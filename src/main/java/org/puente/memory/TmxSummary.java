package org.puente.memory;

import java.nio.file.Path;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link TmxReader} found in a whole file.
 *
 * @param charset             how the file was decoded (from its byte order mark, else its
 *                            XML declaration, else UTF-8)
 * @param units               {@code <tu>} elements read
 * @param variants            {@code <tuv>} elements read
 * @param languages           the normalized tags of all variants, sorted
 * @param strippedCharacters  characters XML 1.0 forbids (form feeds and other C0 controls,
 *                            literal or as {@code &#12;}) that were dropped
 * @param firstStrippedLine   line of the first of them, 0 when none
 */
public record TmxSummary(
        Path file,
        Charset charset,
        TmxHeader header,
        long units,
        long variants,
        Set<String> languages,
        long strippedCharacters,
        int firstStrippedLine) {

    public TmxSummary {
        languages = Collections.unmodifiableSortedSet(new TreeSet<>(languages));
    }

    public String version() {
        return header.version();
    }
}
