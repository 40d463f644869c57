package org.puente.inventory;

import java.time.Instant;
import java.util.List;

import org.puente.config.PuenteProperties;
import org.puente.config.SourceDefinition;

/**
 * A run's last inventory work: marks gone what the run did not see (a source that could not be
 * read as a whole keeps its locations) and ends the run. The sweep step does it after the
 * extraction; discovery does it itself when there is nothing to extract.
 */
public final class RunSweep {

    private final DocumentRepository repository;
    private final PuenteProperties properties;

    public RunSweep(DocumentRepository repository, PuenteProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    /** Sweeps and ends the run, in the caller's transaction, with the failed sources its discovery recorded. */
    public void sweep(long runId) {
        // each failure reads "<source name>: <reason>" (DiscoveryTasklet)
        List<String> reasons = repository.run(runId).orElseThrow().failedSources();
        sweep(runId, properties.getSources().stream().map(SourceDefinition::getName)
                .filter(name -> reasons.stream().anyMatch(r -> r.startsWith(name + ": "))).toList());
    }

    /** Sweeps and ends the run, in the caller's transaction; the sources named could not be read. */
    public void sweep(long runId, List<String> failedSourceNames) {
        int gone = repository.sweep(runId, failedSourceNames, Instant.now());
        repository.finishRun(runId, gone, Instant.now());
    }
}
