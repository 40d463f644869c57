package org.puente.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The warm-up starts once per run, and only for a run that has something to extract. */
class ExtractionWarmUpTest {

    /** Pending locations per run, as the database would count them. */
    private final Map<Long, Integer> pending = new ConcurrentHashMap<>();

    private final DocumentRepository repository = new DocumentRepository(JdbcClient.create(new DriverManagerDataSource())) {
        @Override
        public int countPending(long runId) {
            return pending.getOrDefault(runId, 0);
        }
    };

    @Test
    void startsParsersAndModelsOncePerRunThatHasWork() throws Exception {
        AtomicInteger parsers = new AtomicInteger();
        AtomicInteger models = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        // the suppliers fail: a warm-up that cannot start is left to the first document to report
        ExtractionWarmUp warmUp = new ExtractionWarmUp(repository,
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
}
