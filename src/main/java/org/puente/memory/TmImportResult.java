package org.puente.memory;

import java.nio.file.Path;
import java.util.Set;

/**
 * What importing one TMX file did.
 *
 * @param added    units new to the memory
 * @param merged   units the memory already held (same variants): not added again
 * @param conflicts units added whose source text the memory already had with another translation
 *                  (both are kept)
 */
public record TmImportResult(Path file, long importId, int read, int added, int merged, int conflicts,
                             Set<String> languages, int strippedCharacters) {
}
