package org.puente.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import org.puente.config.PuenteProperties;
import org.puente.config.SourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First step: asks every declared source for its documents and records each location as seen
 * in this run. A source that cannot be read at all is reported and its earlier locations are
 * kept (not marked gone); one unreadable location never stops the others. After its first
 * batch and after each source, it tells {@code recorded} (with the run id), so that the
 * extraction's parser processes can start while the rest is discovered. At its end it leaves
 * the number of locations to extract in the step's execution context ({@link #PENDING}); when
 * there are none, it sweeps and ends the run itself ({@link RunSweep}), so that an unchanged
 * re-run is this one step.
 */
public final class DiscoveryTasklet implements Tasklet {

    /** The step execution context's entry: how many locations this run has to extract. */
    public static final String PENDING = "pending";

    private static final Logger log = LoggerFactory.getLogger(DiscoveryTasklet.class);

    /** Locations recorded per transaction: a large folder is not one huge transaction. */
    private static final int BATCH = 500;

    private final PuenteProperties properties;
    private final List<DocumentSource> kinds;
    private final DocumentRepository repository;
    private final TransactionTemplate transactions;
    private final LongConsumer recorded;
    private final RunSweep sweep;

    public DiscoveryTasklet(PuenteProperties properties, List<DocumentSource> kinds, DocumentRepository repository,
                            PlatformTransactionManager transactionManager, LongConsumer recorded, RunSweep sweep) {
        this.properties = properties;
        this.kinds = kinds;
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.recorded = recorded;
        this.sweep = sweep;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = InventoryJobConfiguration.runId(chunkContext.getStepContext().getStepExecution());
        Instant now = Instant.now();
        transactions.executeWithoutResult(status -> repository.startRun(runId, now));
        AtomicInteger found = new AtomicInteger();
        AtomicInteger unreadable = new AtomicInteger();
        List<String> failedSources = new ArrayList<>(); // "<source name>: <reason>"
        List<String> failedSourceNames = new ArrayList<>();
        for (SourceDefinition source : properties.getSources()) {
            int foundBefore = found.get();
            int unreadableBefore = unreadable.get();
            List<Runnable> pending = new ArrayList<>(BATCH);
            Runnable flush = () -> {
                transactions.executeWithoutResult(status -> pending.forEach(Runnable::run));
                pending.clear();
            };
            try {
                sourceKind(source).discover(source, new DiscoveryListener() {
                    @Override
                    public void found(FoundDocument document) {
                        pending.add(() -> repository.recordFound(runId, source, document, now));
                        if (pending.size() >= BATCH) {
                            flush.run();
                            if (found.get() < BATCH) {
                                recorded.accept(runId); // the first batch only: one query, not one per batch
                            }
                        }
                        if (found.incrementAndGet() % 1000 == 0) {
                            log.info("discovering: {} documents found so far", found.get());
                        }
                    }

                    @Override
                    public void failed(String location, String reason) {
                        pending.add(() -> repository.recordUnreadable(runId, source, location, reason, now));
                        unreadable.incrementAndGet();
                    }
                });
                flush.run();
                recorded.accept(runId);
                log.info("{}: {} documents, {} unreadable", source, found.get() - foundBefore,
                        unreadable.get() - unreadableBefore);
            } catch (Exception e) {
                flush.run(); // what was found before the source failed is kept
                String reason = source.getName() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
                log.warn("source could not be read, its documents are kept as they were: {}", reason);
                failedSources.add(reason);
                failedSourceNames.add(source.getName());
            }
        }
        int pending = repository.countPending(runId);
        transactions.executeWithoutResult(status -> {
            repository.recordDiscovery(runId, found.get(), unreadable.get(), failedSources);
            if (pending == 0) {
                sweep.sweep(runId, failedSourceNames); // nothing to extract: the run's inventory ends here
            }
        });
        contribution.getStepExecution().getExecutionContext().putInt(PENDING, pending);
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
