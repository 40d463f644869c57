package org.puente.extraction;

import java.time.Instant;
import java.util.Map;

/**
 * What extraction learnt of one file: status, text and the metadata the inventory records.
 * Fields unknown for the format are null; on failure {@code message} says why, in words a
 * coordinator can act on, and whatever metadata was read before the failure is kept.
 *
 * @param mediaType detected from the content, not the file name (e.g. {@code application/pdf})
 * @param truncated true when the text hit {@link ExtractionLimits#getMaxCharacters()}
 * @param ocr       true when some text came from OCR
 */
public record ExtractionOutcome(
        ExtractionStatus status,
        String message,
        String text,
        String mediaType,
        String title,
        String author,
        Integer pages,
        Instant created,
        Instant modified,
        boolean truncated,
        boolean ocr,
        Map<String, String> metadata) {

    public ExtractionOutcome {
        text = text == null ? "" : text;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static ExtractionOutcome failed(ExtractionStatus status, String message, String mediaType) {
        return new ExtractionOutcome(status, message, "", mediaType, null, null, null, null, null, false, false, Map.of());
    }
}
