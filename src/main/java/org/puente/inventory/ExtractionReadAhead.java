package org.puente.inventory;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The extraction step's reader: it reads pending locations and extracts them on
 * {@code workers} threads ahead of the step, at most {@code ahead} documents, and hands the
 * results back in the order read.
 *
 * <p>Why ahead: a chunk is written in one transaction on the step's thread, and a chunk
 * processed in parallel waits for its slowest document. Extracting inside the chunk left the
 * parser processes idle at each chunk's end and during each write; read ahead, the next
 * documents are being parsed meanwhile. Nothing is written before the step writes it, so a killed
 * run redoes the chunk it was writing and what was ahead, as before: only the database says what
 * is done.
 *
 * <p>Results wait in memory until written: at most a chunk and {@code ahead} documents, each with
 * its text (bounded by {@code puente.extraction.max-characters}).
 */
final class ExtractionReadAhead implements ItemStreamReader<ExtractedDocument> {

    private static final Logger log = LoggerFactory.getLogger(ExtractionReadAhead.class);

    private final ItemStreamReader<PendingLocation> pending;
    private final ItemProcessor<PendingLocation, ExtractedDocument> extraction;
    private final int workers;
    private final int ahead;
    private final ArrayDeque<Future<ExtractedDocument>> queue = new ArrayDeque<>();
    private ExecutorService pool;
    private boolean allRead;

    /**
     * @param pending    the locations to extract, read on the step's thread only
     * @param extraction what extracts one location; called on the worker threads
     * @param workers    documents extracted side by side ({@code puente.workers})
     * @param ahead      documents extracted or being extracted that the step has not taken yet
     */
    ExtractionReadAhead(ItemStreamReader<PendingLocation> pending, ItemProcessor<PendingLocation, ExtractedDocument> extraction,
                        int workers, int ahead) {
        if (workers < 1 || ahead < workers) {
            throw new IllegalArgumentException("workers must be at least 1 and ahead at least workers: " + workers + ", " + ahead);
        }
        this.pending = pending;
        this.extraction = extraction;
        this.workers = workers;
        this.ahead = ahead;
    }

    @Override
    public void open(ExecutionContext context) {
        pending.open(context);
        queue.clear();
        allRead = false;
        AtomicInteger number = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "extract-" + number.incrementAndGet());
            thread.setDaemon(true); // a document stuck past every limit must not keep the JVM alive
            return thread;
        };
        pool = Executors.newFixedThreadPool(workers, threads);
    }

    @Override
    public ExtractedDocument read() throws Exception {
        while (!allRead && queue.size() < ahead) {
            PendingLocation location = pending.read();
            if (location == null) {
                allRead = true;
            } else {
                queue.add(pool.submit(() -> extraction.process(location)));
            }
        }
        Future<ExtractedDocument> next = queue.poll();
        return next == null ? null : result(next);
    }

    private static ExtractedDocument result(Future<ExtractedDocument> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            // what the extraction threw, as if the step had called it itself
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (CancellationException e) {
            throw new IllegalStateException("extraction was cancelled: the step is stopping", e);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        pending.update(context);
    }

    /** Stops the extractions still ahead (their results would not be written) and the reader. */
    @Override
    public void close() {
        try {
            if (pool != null) {
                queue.forEach(future -> future.cancel(true));
                queue.clear();
                pool.shutdownNow();
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("an extraction thread is still busy after 10 s; it stops with its parser's time limit");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool = null;
            pending.close();
        }
    }
}
