package org.puente.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.extraction.DocumentExtractor;
import org.puente.extraction.ExtractionLimits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The warm-up starts once per run, and only for a run that has something to extract; a long run
 * gets its parser processes set up before its first document.
 */
class ExtractionWarmUpTest {

    /** Pending locations per run, as the database would count them. */
    private final Map<Long, Integer> pending = new ConcurrentHashMap<>();
    /** Bytes in long documents per run. */
    private final Map<Long, Long> longBytes = new ConcurrentHashMap<>();

    private final DocumentRepository repository = new DocumentRepository(JdbcClient.create(new DriverManagerDataSource())) {
        @Override
        public int countPending(long runId) {
            return pending.getOrDefault(runId, 0);
        }

        @Override
        public long pendingBytes(long runId, long fromBytes, long capBytes) {
            return longBytes.getOrDefault(runId, 0L);
        }
    };

    @Test
    void startsParsersAndModelsOncePerRunThatHasWork() throws Exception {
        AtomicInteger parsers = new AtomicInteger();
        AtomicInteger models = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        // the suppliers fail: a warm-up that cannot start is left to the first document to report
        ExtractionWarmUp warmUp = new ExtractionWarmUp(repository, new ExtractionLimits(),
                () -> {
                    parsers.incrementAndGet();
                    started.countDown();
                    throw new IllegalStateException("no parser here");
                },
                () -> {
                    models.incrementAndGet();
                    started.countDown();
                    throw new IllegalStateException("no models here");
                });

        warmUp.startIfPending(1); // nothing found yet, or nothing changed
        pending.put(1L, 3);
        warmUp.startIfPending(1); // discovery recorded new locations
        warmUp.startIfPending(1); // later batches, the extraction step: already started
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(parsers).hasValue(1);
        assertThat(models).hasValue(1);

        warmUp.startIfPending(2); // an unchanged re-run starts nothing
        Thread.sleep(200);
        assertThat(parsers).hasValue(1);
    }

    @Test
    void aLongRunSetsItsParserProcessesUpBeforeItsFirstDocument(@TempDir Path dir) throws Exception {
        ExtractionLimits limits = new ExtractionLimits();
        limits.setParserProcesses(1);
        AtomicInteger asked = new AtomicInteger();
        try (DocumentExtractor extractor = new DocumentExtractor(limits, dir)) {
            // the warm-up of the new processes asks again: refused, so that no process outlives the test
            ExtractionWarmUp warmUp = new ExtractionWarmUp(repository, limits, () -> {
                if (asked.incrementAndGet() > 1) {
                    throw new IllegalStateException("no parser processes started in this test");
                }
                return extractor;
            }, () -> {
                throw new IllegalStateException("no models here");
            });

            longBytes.put(1L, 64L * 1024 * 1024 - 1);
            warmUp.prepareLongRun(1);
            assertThat(asked).hasValue(0); // not long: the extractor is not even waited for
            assertThat(dir.resolve("tika-config-long-run.xml")).doesNotExist();

            longBytes.put(2L, 64L * 1024 * 1024);
            warmUp.prepareLongRun(2);
            assertThat(dir.resolve("tika-config-long-run.xml")).exists();
            assertThat(extractor.prepareFor(64L * 1024 * 1024)).isFalse(); // already set up
            for (int i = 0; i < 100 && asked.get() < 2; i++) {
                Thread.sleep(50);
            }
            assertThat(asked).hasValue(2); // the new processes' warm-up was started
        }

        // an extractor that cannot be set up is left to the first document to report
        ExtractionWarmUp broken = new ExtractionWarmUp(repository, limits, () -> {
            throw new IllegalStateException("no parser here");
        }, () -> {
            throw new IllegalStateException("no models here");
        });
        broken.prepareLongRun(2);
    }
}
