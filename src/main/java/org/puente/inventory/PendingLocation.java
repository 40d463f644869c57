package org.puente.inventory;

import java.nio.file.Path;

/**
 * A location found in this run whose content is new or changed since it was last extracted:
 * the work item of the extraction step.
 *
 * @param documentId the document the location pointed at before, or null
 */
public record PendingLocation(String location, Path content, String fingerprint, long sizeBytes, String documentId) {
}
