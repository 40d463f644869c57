package org.puente.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The figures of one pipeline run.
 *
 * @param found         documents the sources found (readable locations)
 * @param unreadable    locations that could not be fetched or read
 * @param parsed        documents whose content was new or changed and went through Tika
 * @param failedSources sources that could not be read as a whole, with the reason
 */
public record RunSummary(long runId, Instant started, Instant finished, int found, int unreadable, int parsed,
                         int newDocuments, int changed, int gone, List<String> failedSources) {

    public Duration duration() {
        return started == null || finished == null ? null : Duration.between(started, finished);
    }
}
