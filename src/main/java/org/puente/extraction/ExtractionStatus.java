package org.puente.extraction;

/** What happened when a document's text was extracted; each failure kind is its own status. */
public enum ExtractionStatus {
    /**
     * Text extracted (possibly truncated at the character limit, see the outcome's flag); also a
     * scanned PDF or a picture file whose text came from OCR (the outcome's {@code ocr()} is true).
     */
    EXTRACTED,
    /**
     * Parsed fine but holds no text: an image-only PDF or a picture file, and OCR is off, not
     * installed, or found no text (the message says which).
     */
    IMAGE_ONLY,
    /** Password-protected or encrypted. */
    ENCRYPTED,
    /** Truncated, damaged or not what its format claims. */
    CORRUPT,
    /** A format Tika cannot extract text from. */
    UNSUPPORTED,
    /** Larger than the configured file size limit, not parsed. */
    TOO_LARGE,
    /** A zip bomb or a nesting beyond the limits. */
    REFUSED_HOSTILE,
    /** The parser took longer than the time limit and was killed. */
    TIMEOUT,
    /** The parser ran out of memory and was restarted. */
    OUT_OF_MEMORY,
    /** The parser process died (crash, exit) on this document. */
    CRASHED;

    public boolean hasText() {
        return this == EXTRACTED;
    }
}
