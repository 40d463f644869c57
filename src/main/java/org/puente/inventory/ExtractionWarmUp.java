package org.puente.inventory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.puente.extraction.DocumentExtractor;
import org.puente.extraction.ExtractionLimits;
import org.puente.extraction.LanguageDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * When there is something to extract, starts the parser processes and loads the language
 * models side by side, rather than one after the other inside the first documents (each takes
 * about a second): as soon as discovery has recorded a new or changed location (see
 * {@link DiscoveryTasklet}), else as the extraction step begins. Nothing is started when
 * nothing changed.
 *
 * <p>As the extraction step begins, discovery is complete: a long run (much text in long
 * documents, {@link ExtractionLimits#getLongRunMegabytes()}) then gets its own parser processes
 * ({@link DocumentExtractor#prepareFor}), started at once.
 */
public final class ExtractionWarmUp implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ExtractionWarmUp.class);

    private final DocumentRepository repository;
    private final ExtractionLimits limits;
    private final Supplier<DocumentExtractor> extractor;
    private final Supplier<LanguageDetector> languages;
    /** The run the warm-up was started for: once per run. */
    private final AtomicLong startedFor = new AtomicLong(-1);

    public ExtractionWarmUp(DocumentRepository repository, ExtractionLimits limits,
                            Supplier<DocumentExtractor> extractor, Supplier<LanguageDetector> languages) {
        this.repository = repository;
        this.limits = limits;
        this.extractor = extractor;
        this.languages = languages;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        long runId = InventoryJobConfiguration.runId(stepExecution);
        startIfPending(runId);
        prepareLongRun(runId);
    }

    /**
     * Gives a long run its parser processes before its first document. A run that is not long
     * keeps the ones already starting (and does not wait here for the extractor to be set up).
     */
    void prepareLongRun(long runId) {
        long longDocumentBytes = repository.pendingBytes(runId, ExtractionLimits.LONG_DOCUMENT_BYTES,
                limits.getMaxCharacters());
        if (!limits.isLongRun(longDocumentBytes)) {
            return;
        }
        try {
            if (extractor.get().prepareFor(longDocumentBytes)) {
                start("parser processes", () -> extractor.get().warmUp());
            }
        } catch (RuntimeException e) {
            // the extractor cannot be set up: the first document meets the same problem and reports it
            log.debug("setting up the parser processes of a long run failed: {}", e.getMessage());
        }
    }

    /** Starts the warm-up if the run has locations to extract and it was not started for this run yet. */
    public void startIfPending(long runId) {
        if (startedFor.get() == runId || repository.countPending(runId) == 0 || startedFor.getAndSet(runId) == runId) {
            return;
        }
        start("language models", () -> languages.get().warmUp());
        start("parser processes", () -> extractor.get().warmUp());
    }

    /** Runs a warm-up on a daemon thread of its own; a failure is left to the first document to report. */
    static Thread start(String what, Runnable warmUp) {
        Thread thread = new Thread(() -> {
            try {
                warmUp.run();
            } catch (RuntimeException e) {
                // the first document meets the same problem and reports it where it belongs
                log.debug("warming up {} failed: {}", what, e.getMessage());
            }
        }, "warm-up-" + what.replace(' ', '-'));
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
