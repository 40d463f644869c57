package org.puente.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.puente.config.PuenteProperties;
import org.puente.config.SourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step: asks every declared source for its documents and records each location as seen
 * in this run. A source that cannot be read at all is reported and its earlier locations are
 * kept (not marked gone); one unreadable location never stops the others.
 */
public final class DiscoveryTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryTasklet.class);

    private final PuenteProperties properties;
    private final List<DocumentSource> kinds;
    private final DocumentRepository repository;

    public DiscoveryTasklet(PuenteProperties properties, List<DocumentSource> kinds, DocumentRepository repository) {
        this.properties = properties;
        this.kinds = kinds;
        this.repository = repository;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = InventoryJobConfiguration.runId(chunkContext.getStepContext().getStepExecution());
        Instant now = Instant.now();
        repository.startRun(runId, now);
        AtomicInteger found = new AtomicInteger();
        AtomicInteger unreadable = new AtomicInteger();
        List<String> failedSources = new ArrayList<>();
        for (SourceDefinition source : properties.getSources()) {
            int foundBefore = found.get();
            int unreadableBefore = unreadable.get();
            try {
                sourceKind(source).discover(source, new DiscoveryListener() {
                    @Override
                    public void found(FoundDocument document) {
                        repository.recordFound(runId, source, document, now);
                        if (found.incrementAndGet() % 1000 == 0) {
                            log.info("discovering: {} documents found so far", found.get());
                        }
                    }

                    @Override
                    public void failed(String location, String reason) {
                        repository.recordUnreadable(runId, source, location, reason, now);
                        unreadable.incrementAndGet();
                    }
                });
                log.info("{}: {} documents, {} unreadable", source, found.get() - foundBefore,
                        unreadable.get() - unreadableBefore);
            } catch (Exception e) {
                String reason = source.getName() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
                log.warn("source could not be read, its documents are kept as they were: {}", reason);
                failedSources.add(reason);
            }
        }
        repository.recordDiscovery(runId, found.get(), unreadable.get(), failedSources);
        contribution.incrementWriteCount(found.get());
        return RepeatStatus.FINISHED;
    }

    private DocumentSource sourceKind(SourceDefinition source) {
        if (source.getName() == null || source.getName().isBlank()) {
            throw new IllegalArgumentException("a " + source.getType() + " source has no 'name'");
        }
        return kinds.stream().filter(k -> k.handles(source.getType())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no reader for sources of type " + source.getType()));
    }
}
