package org.puente.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of the document register, as coordinators read it in {@code inventory/register.csv}
 * and {@code register.json}. A location that could not be read at all appears as a record with
 * no id and status {@code UNREADABLE}.
 *
 * @param state     PRESENT, or GONE when no location holds it any more (kept for history)
 * @param status    the extraction status (EXTRACTED, ENCRYPTED, CORRUPT ... or UNREADABLE)
 * @param languageShares share of each language in the text, largest first
 * @param duplicates how many present locations hold this same content beyond the first
 * @param modified     the modification date the document's own metadata gives, if any
 * @param fileModified the first location's file time or HTTP Last-Modified
 */
public record DocumentRecord(
        String id,
        String state,
        String status,
        String message,
        String title,
        String author,
        String format,
        long sizeBytes,
        Integer pages,
        Integer words,
        String sha256,
        String language,
        double languageConfidence,
        Map<String, Double> languageShares,
        boolean truncated,
        boolean ocr,
        String owner,
        List<String> tags,
        List<String> locations,
        int duplicates,
        Instant created,
        Instant modified,
        Instant fileModified,
        Instant firstSeen,
        Instant lastChanged,
        Instant goneSince) {
}
