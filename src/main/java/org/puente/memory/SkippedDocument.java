package org.puente.memory;

/** A document of the batch that could not be analysed, and why (in words for the coordinator). */
public record SkippedDocument(String documentId, String title, String location, String reason) {

    public String displayName() {
        return LeverageReport.displayName(documentId, title, location);
    }
}
