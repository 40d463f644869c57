package org.puente.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.config.WorkFolderLock;
import org.puente.extraction.DocumentExtractor;
import org.puente.extraction.ExtractionOutcome;
import org.puente.extraction.ExtractionStatus;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A first run's parser processes start while the application starts, under the run lock; other
 * commands and runs start nothing ahead.
 */
class ExtractionHeadStartTest {

    @Test
    void onlyTheRunCommandGetsAHeadStart() {
        assertThat(headStarted("run")).isTrue();
        assertThat(headStarted("--puente.work-dir=/tmp/x", "run", "--reextract")).isTrue();
        assertThat(headStarted("status")).isFalse();
        assertThat(headStarted("inventory", "export")).isFalse();
        assertThat(headStarted("run", "--help")).isFalse();
        assertThat(headStarted()).isFalse();
    }

    @Test
    void aFirstRunStartsItsParserProcessesAheadUnderTheRunLock(@TempDir Path dir) throws Exception {
        GenericApplicationContext context = context(dir);
        long childrenBefore = ProcessHandle.current().children().count();
        headStart("run").initialize(context);
        Path runLock = dir.resolve("work").resolve("run.lock");
        assertThat(WorkFolderLock.isHeld(runLock)).as("reserved for this run").isTrue();

        ExtractionHeadStart ahead = context.getBeanFactory().getBean(ExtractionHeadStart.class);
        try (DocumentExtractor extractor = ahead.take()) {
            assertThat(extractor).isNotNull();
            assertThat(ahead.take()).as("handed over once").isNull();
            // the parser processes are starting, or started, before any document is asked for
            assertThat(waitFor(() -> ProcessHandle.current().children().count() > childrenBefore)).isTrue();
            Path text = Files.writeString(dir.resolve("a.txt"), "Los documentos de la biblioteca.\n");
            ExtractionOutcome outcome = extractor.extract(text);
            assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
            assertThat(outcome.text()).contains("biblioteca");
            // the run takes the lock reserved for it, in this JVM
            try (WorkFolderLock lock = WorkFolderLock.acquire(runLock, "busy")) {
                assertThat(WorkFolderLock.isHeld(runLock)).isTrue();
            }
            assertThat(WorkFolderLock.isHeld(runLock)).isFalse();
        }
        context.close();
    }

    @Test
    void anExtractorNeverTakenIsClosedWithTheApplicationAndTheLockReleased(@TempDir Path dir) throws Exception {
        GenericApplicationContext context = context(dir);
        context.refresh();
        long childrenBefore = ProcessHandle.current().children().count();
        headStart("run").initialize(context);
        Path runLock = dir.resolve("work").resolve("run.lock");
        assertThat(waitFor(() -> ProcessHandle.current().children().count() > childrenBefore)).isTrue();

        context.close(); // the command failed before its run, e.g. a bad source

        assertThat(waitFor(() -> ProcessHandle.current().children().count() == childrenBefore)).isTrue();
        assertThat(WorkFolderLock.isHeld(runLock)).isFalse();
    }

    @Test
    void anApplicationThatFailsToStartClosesTheExtractorStartedAhead(@TempDir Path dir) throws Exception {
        GenericApplicationContext context = context(dir);
        long childrenBefore = ProcessHandle.current().children().count();
        SpringApplication application = new SpringApplication(Object.class);
        headStart("run").initialize(context);
        assertThat(waitFor(() -> ProcessHandle.current().children().count() > childrenBefore)).isTrue();

        // the context never came up: Spring Boot hands the failure to the context's listeners, as here
        SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
        context.getApplicationListeners().forEach(multicaster::addApplicationListener);
        multicaster.multicastEvent(new ApplicationFailedEvent(application, new String[] {"run"}, context,
                new IllegalStateException("the database is locked")));

        assertThat(waitFor(() -> ProcessHandle.current().children().count() == childrenBefore)).isTrue();
        assertThat(WorkFolderLock.isHeld(dir.resolve("work").resolve("run.lock"))).isFalse();
    }

    @Test
    void aRunAfterTheFirstOrWhileAnotherHoldsTheLockStartsNothingAhead(@TempDir Path dir) throws Exception {
        Path register = Files.createDirectories(dir.resolve("inventory")).resolve(RegisterExport.CSV_FILE);
        Files.writeString(register, "id\n");
        GenericApplicationContext rerun = context(dir);
        headStart("run").initialize(rerun);
        assertThat(rerun.getBeanFactory().containsSingleton(ExtractionHeadStart.BEAN)).isFalse();
        assertThat(WorkFolderLock.isHeld(dir.resolve("work").resolve("run.lock"))).isFalse();

        // --reextract parses everything again: a head start even after the first run
        GenericApplicationContext reextract = context(dir);
        headStart("run", "--reextract").initialize(reextract);
        assertThat(reextract.getBeanFactory().containsSingleton(ExtractionHeadStart.BEAN)).isTrue();
        reextract.refresh();
        reextract.close();

        Path other = dir.resolve("other");
        try (WorkFolderLock running = WorkFolderLock.acquire(other.resolve("work").resolve("run.lock"), "busy")) {
            GenericApplicationContext second = context(other);
            headStart("run").initialize(second);
            // the run in progress keeps its parser folder to itself; this one will stop on the lock
            assertThat(second.getBeanFactory().containsSingleton(ExtractionHeadStart.BEAN)).isFalse();
            Thread.sleep(200);
            assertThat(Files.exists(other.resolve("work").resolve("extraction"))).isFalse();
        }
    }

    private static boolean headStarted(String... args) {
        return headStartOf(args).isPresent();
    }

    private static ExtractionHeadStart headStart(String... args) {
        return headStartOf(args).orElseThrow();
    }

    private static Optional<ExtractionHeadStart> headStartOf(String... args) {
        SpringApplication application = new SpringApplication(Object.class);
        int before = application.getInitializers().size();
        ExtractionHeadStart.addTo(application, args);
        List<ExtractionHeadStart> added = application.getInitializers().stream().skip(before)
                .map(ExtractionHeadStart.class::cast).toList();
        return added.stream().findFirst();
    }

    /** An application context configured as {@code puente run} would be, in {@code dir}. */
    private static GenericApplicationContext context(Path dir) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "puente.work-dir", dir.resolve("work").toString(),
                "puente.inventory-dir", dir.resolve("inventory").toString(),
                "puente.extraction.parser-processes", "1")));
        return context;
    }

    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
