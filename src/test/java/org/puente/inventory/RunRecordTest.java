package org.puente.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.puente.config.PuenteProperties;
import org.puente.config.SourceDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A run's record when its discovery runs twice: a run killed after discovery swept, but before
 * its step was recorded as done, resumes with discovery again. On a real H2 database with
 * Puente's schema.
 */
class RunRecordTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private DocumentRepository repository;
    private RunSweep sweep;
    private SourceDefinition source;

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:run-record-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        repository = new DocumentRepository(JdbcClient.create(dataSource));
        source = new SourceDefinition();
        source.setName("corpus");
        source.setType(SourceDefinition.Type.FOLDER);
        PuenteProperties properties = new PuenteProperties();
        properties.setSources(List.of(source));
        sweep = new RunSweep(repository, properties);
    }

    @Test
    void aResumedDiscoveryKeepsTheRunsStartAndEndsTheRunAgain() {
        repository.startRun(1, START);
        repository.recordFound(1, source, found("a.txt"), START);
        repository.recordFound(1, source, found("b.txt"), START);
        repository.recordDiscovery(1, 2, 0, List.of());
        sweep.sweep(1);

        repository.startRun(2, START.plusSeconds(60));
        repository.recordFound(2, source, found("a.txt"), START.plusSeconds(60)); // b.txt vanished
        repository.recordDiscovery(2, 1, 0, List.of());
        sweep.sweep(2);
        assertThat(repository.run(2).orElseThrow().gone()).isZero(); // locations only: no document yet

        // killed before the discover step was recorded as done: the resumed run discovers again
        repository.startRun(2, START.plusSeconds(120));
        assertThat(repository.run(2).orElseThrow().finished()).as("unfinished while it resumes").isNull();
        repository.recordFound(2, source, found("a.txt"), START.plusSeconds(120));
        repository.recordDiscovery(2, 1, 0, List.of());
        sweep.sweep(2);

        RunSummary run = repository.run(2).orElseThrow();
        assertThat(run.started()).isEqualTo(START.plusSeconds(60));
        assertThat(run.finished()).isNotNull();
        assertThat(run.found()).isEqualTo(1);
    }

    @Test
    void eachSweepOfARunAddsTheDocumentsItMarkedGone() {
        repository.startRun(1, START);
        repository.finishRun(1, 2, START.plusSeconds(1));
        repository.startRun(1, START.plusSeconds(5)); // resumed after a kill
        repository.finishRun(1, 1, START.plusSeconds(6));

        RunSummary run = repository.run(1).orElseThrow();
        assertThat(run.gone()).isEqualTo(3);
        assertThat(run.started()).isEqualTo(START);
        assertThat(run.finished()).isEqualTo(START.plusSeconds(6));
    }

    private static FoundDocument found(String location) {
        return new FoundDocument(location, Path.of("/corpus", location), 10, START, "file:10");
    }
}
