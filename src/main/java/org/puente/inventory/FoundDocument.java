package org.puente.inventory;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A document a source found: where (a file URI or an http(s) URL), its bytes on local disk
 * (the file itself, or the downloaded copy in the cache), and a fingerprint that changes when
 * the content may have changed (size and modification time for files, the content hash or
 * validators for web documents), so an unchanged document is not parsed again.
 */
public record FoundDocument(String location, Path content, long size, Instant modified, String fingerprint) {
}
