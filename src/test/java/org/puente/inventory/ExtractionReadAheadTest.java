package org.puente.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

class ExtractionReadAheadTest {

    /** Pending locations from a list, counting what was read and whether it was opened and closed. */
    private static final class Locations implements ItemStreamReader<PendingLocation> {
        private final Iterator<PendingLocation> items;
        final AtomicInteger read = new AtomicInteger();
        boolean opened;
        boolean closed;

        Locations(int count) {
            List<PendingLocation> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(new PendingLocation("file:///doc-" + i, Path.of("doc-" + i), "f" + i, i, null));
            }
            items = list.iterator();
        }

        @Override
        public PendingLocation read() {
            if (!items.hasNext()) {
                return null;
            }
            read.incrementAndGet();
            return items.next();
        }

        @Override
        public void open(ExecutionContext context) {
            opened = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static List<String> readAll(ExtractionReadAhead reader) throws Exception {
        List<String> locations = new ArrayList<>();
        for (ExtractedDocument d; (d = reader.read()) != null; ) {
            locations.add(d.pending().location());
        }
        return locations;
    }

    @Test
    void resultsComeInReadOrderWhateverOrderTheyFinishIn() throws Exception {
        Locations locations = new Locations(20);
        // even documents take longer: later ones finish first
        ExtractionReadAhead reader = new ExtractionReadAhead(locations, pending -> {
            if (pending.sizeBytes() % 2 == 0) {
                Thread.sleep(20);
            }
            return ExtractedDocument.unreadable(pending, "test");
        }, 3, 6);
        reader.open(new ExecutionContext());
        List<String> read = readAll(reader);
        reader.close();

        assertThat(read).hasSize(20).first().isEqualTo("file:///doc-0");
        for (int i = 0; i < 20; i++) {
            assertThat(read.get(i)).isEqualTo("file:///doc-" + i);
        }
        assertThat(locations.opened).isTrue();
        assertThat(locations.closed).isTrue();
    }

    @Test
    void readsNoFurtherAheadThanAllowedAndExtractsSideBySide() throws Exception {
        Locations locations = new Locations(50);
        CountDownLatch bothRunning = new CountDownLatch(2);
        AtomicBoolean sideBySide = new AtomicBoolean();
        ExtractionReadAhead reader = new ExtractionReadAhead(locations, pending -> {
            bothRunning.countDown();
            // only true when two extractions run at the same time
            sideBySide.compareAndSet(false, bothRunning.await(5, TimeUnit.SECONDS));
            return ExtractedDocument.unreadable(pending, "test");
        }, 2, 5);
        reader.open(new ExecutionContext());

        assertThat(reader.read().pending().location()).isEqualTo("file:///doc-0");
        assertThat(locations.read.get()).isEqualTo(5); // the one handed back and four still ahead
        assertThat(sideBySide).isTrue();
        assertThat(reader.read().pending().location()).isEqualTo("file:///doc-1");
        assertThat(locations.read.get()).isEqualTo(6);
        reader.close();
        assertThat(locations.closed).isTrue();
    }

    @Test
    void whatTheExtractionThrowsReachesTheStep() throws Exception {
        Locations locations = new Locations(3);
        ExtractionReadAhead reader = new ExtractionReadAhead(locations, pending -> {
            if (pending.sizeBytes() == 1) {
                throw new IllegalStateException("database is gone");
            }
            return ExtractedDocument.unreadable(pending, "test");
        }, 2, 3);
        reader.open(new ExecutionContext());
        assertThat(reader.read().pending().location()).isEqualTo("file:///doc-0");
        assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class).hasMessage("database is gone");
        reader.close();
        assertThat(locations.closed).isTrue();
    }

    @Test
    void closingStopsTheExtractionsStillAhead() throws Exception {
        Locations locations = new Locations(10);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        ExtractionReadAhead reader = new ExtractionReadAhead(locations, pending -> {
            if (pending.sizeBytes() == 1) {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
            }
            return ExtractedDocument.unreadable(pending, "test");
        }, 2, 4);
        reader.open(new ExecutionContext());
        reader.read();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        reader.close();
        assertThat(interrupted).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
        assertThat(locations.closed).isTrue();
    }

    @Test
    void anEmptyRunReadsNothing() throws Exception {
        Locations locations = new Locations(0);
        ExtractionReadAhead reader = new ExtractionReadAhead(locations, pending -> {
            throw new AssertionError("nothing to extract");
        }, 2, 4);
        reader.open(new ExecutionContext());
        assertThat(reader.read()).isNull();
        assertThat(reader.read()).isNull();
        reader.close();
    }

    @Test
    void refusesFewerAheadThanWorkers() {
        assertThatThrownBy(() -> new ExtractionReadAhead(new Locations(0), p -> null, 4, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
