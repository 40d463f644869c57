package org.puente.inventory;

import org.puente.extraction.ExtractionOutcome;
import org.puente.extraction.LanguageProfile;

/**
 * What the extraction step learnt of one pending location, ready to be written.
 * Exactly one of three shapes: {@code unreadable} (the bytes could not be read: failure set),
 * {@code known} (content already in the register: only sha256 set, nothing parsed), or
 * {@code extracted} (outcome and language set).
 */
public record ExtractedDocument(PendingLocation pending, String sha256, ExtractionOutcome outcome,
                                LanguageProfile language, int words, String failure) {

    public static ExtractedDocument unreadable(PendingLocation pending, String failure) {
        return new ExtractedDocument(pending, null, null, null, 0, failure);
    }

    public static ExtractedDocument known(PendingLocation pending, String sha256) {
        return new ExtractedDocument(pending, sha256, null, null, 0, null);
    }

    public static ExtractedDocument extracted(PendingLocation pending, String sha256, ExtractionOutcome outcome,
                                              LanguageProfile language, int words) {
        return new ExtractedDocument(pending, sha256, outcome, language, words, null);
    }

    public boolean isUnreadable() {
        return failure != null;
    }

    public boolean wasParsed() {
        return outcome != null;
    }
}
