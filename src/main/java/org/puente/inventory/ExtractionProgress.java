package org.puente.inventory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how far the extraction step is: a progress bar (documents done / total, rate, time
 * left) on a terminal, a plain log line every few seconds otherwise (CI, cron, pipes).
 */
public final class ExtractionProgress implements StepExecutionListener, ItemWriteListener<ExtractedDocument> {

    private static final Logger log = LoggerFactory.getLogger(ExtractionProgress.class);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final DocumentRepository repository;
    private final boolean terminal;
    private ProgressBar bar;
    private long total;
    private final AtomicLong done = new AtomicLong();
    private long started;
    private long lastLog;

    public ExtractionProgress(DocumentRepository repository, boolean terminal) {
        this.repository = repository;
        this.terminal = terminal;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        total = repository.countPending(InventoryJobConfiguration.runId(stepExecution));
        done.set(0);
        started = lastLog = System.nanoTime();
        log.info("extracting {} new or changed documents", total);
        if (terminal && total > 0) {
            bar = new ProgressBarBuilder().setTaskName("Extracting").setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" docs", 1).showSpeed().setUpdateIntervalMillis(500)
                    .continuousUpdate().build();
        }
    }

    @Override
    public void afterWrite(Chunk<? extends ExtractedDocument> items) {
        long now = System.nanoTime();
        long n = done.addAndGet(items.size());
        if (bar != null) {
            bar.stepTo(n);
        } else if (now - lastLog >= LOG_EVERY_NANOS || n == total) {
            lastLog = now;
            double seconds = Math.max(1e-9, (now - started) / 1e9);
            double rate = n / seconds;
            long left = rate > 0 ? Math.round((total - n) / rate) : 0;
            log.info("extracted {}/{} documents, {} docs/s, about {} s left", n, total,
                    String.format(java.util.Locale.ROOT, "%.1f", rate), left);
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        return null;
    }
}
