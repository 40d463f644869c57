package org.puente.inventory;

import java.util.function.Supplier;

import org.puente.extraction.DocumentExtractor;
import org.puente.extraction.LanguageDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * When there is something to extract, starts the parser processes and loads the language
 * models side by side as the step begins, rather than one after the other inside the first
 * documents (each takes about a second). Nothing is started when nothing changed.
 */
public final class ExtractionWarmUp implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ExtractionWarmUp.class);

    private final DocumentRepository repository;
    private final Supplier<DocumentExtractor> extractor;
    private final Supplier<LanguageDetector> languages;

    public ExtractionWarmUp(DocumentRepository repository, Supplier<DocumentExtractor> extractor,
                            Supplier<LanguageDetector> languages) {
        this.repository = repository;
        this.extractor = extractor;
        this.languages = languages;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        if (repository.countPending(InventoryJobConfiguration.runId(stepExecution)) == 0) {
            return;
        }
        start("language models", () -> languages.get().warmUp());
        start("parser processes", () -> extractor.get().warmUp());
    }

    private static void start(String what, Runnable warmUp) {
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
    }
}
