package org.puente.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.extraction.Fixtures;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory job end to end on a real folder, a real embedded database and real Tika
 * parser processes: first run, unchanged re-run, changed, duplicated, vanished documents, a
 * broken file, and a source that disappears as a whole.
 */
@SpringBootTest(properties = "puente.cli.enabled=false")
class InventoryRunTest {

    @TempDir
    static Path work;

    static Path corpus;

    static final String ES = """
            La biblioteca nacional publica cada año un informe sobre el estado de sus colecciones, \
            los servicios prestados a los lectores y los proyectos de digitalización en curso.

            Este documento reúne las recomendaciones de la sección para la preservación de los \
            fondos documentales y la formación de los bibliotecarios de la región.
            """;
    static final String EN = """
            The national library publishes every year a report on the state of its collections, \
            the services offered to readers and the digitisation projects under way.

            This document gathers the section's recommendations for the preservation of \
            documentary holdings and the training of librarians across the region.
            """;
    static final String PT = """
            A biblioteca nacional publica todos os anos um relatório sobre o estado das suas \
            coleções, os serviços prestados aos leitores e os projetos de digitalização em curso.

            Este documento reúne as recomendações da secção para a preservação dos acervos \
            documentais e a formação dos bibliotecários da região.
            """;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        corpus = TestCorpus.register(registry, work);
        registry.add("puente.sources[0].owner", () -> "association");
        registry.add("puente.sources[0].owner-name", () -> "Colegio de Bibliotecarios");
        registry.add("puente.sources[0].tags", () -> "informes");
        registry.add("puente.extraction.timeout-seconds", () -> "30");
    }

    @Autowired
    InventoryLauncher launcher;

    @Autowired
    DocumentRepository repository;

    @Autowired
    JobRepository jobs;

    @Test
    void runsAreIncrementalAndTrackChangesDuplicatesGoneDocumentsAndFailures() throws Exception {
        Files.writeString(corpus.resolve("informe-es.txt"), ES, StandardCharsets.UTF_8);
        Files.writeString(corpus.resolve("report-en.txt"), EN, StandardCharsets.UTF_8);
        Files.writeString(corpus.resolve("relatorio-pt.txt"), PT, StandardCharsets.UTF_8);
        Files.createDirectories(corpus.resolve("copia"));
        Files.writeString(corpus.resolve("copia/report-en.txt"), EN, StandardCharsets.UTF_8);
        Fixtures.docx(corpus.resolve("plan.docx"), "Plan de acción 2025", "Sección LAC", ES.split("\n\n"));
        Fixtures.truncated(Fixtures.docx(work.resolve("whole.docx"), "t", "a", EN), corpus.resolve("broken.docx"), 0.5);

        // First run: everything is new; the broken file is recorded, not fatal.
        InventoryLauncher.Outcome first = launcher.run(false);
        assertThat(first.failure()).isNull();
        assertThat(first.summary().found()).isEqualTo(6);
        assertThat(first.summary().newDocuments()).isEqualTo(5);
        Map<String, DocumentRecord> byFile = register();
        assertThat(byFile).containsOnlyKeys("informe-es.txt", "report-en.txt", "relatorio-pt.txt", "plan.docx", "broken.docx");
        assertThat(byFile.get("informe-es.txt").language()).isEqualTo("es");
        assertThat(byFile.get("relatorio-pt.txt").language()).isEqualTo("pt");
        DocumentRecord english = byFile.get("report-en.txt");
        assertThat(english.language()).isEqualTo("en");
        assertThat(english.duplicates()).isEqualTo(1);
        assertThat(english.locations()).hasSize(2);
        assertThat(english.owner()).isEqualTo("Colegio de Bibliotecarios");
        assertThat(english.tags()).containsExactly("informes");
        DocumentRecord plan = byFile.get("plan.docx");
        assertThat(plan.format()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(plan.title()).isEqualTo("Plan de acción 2025");
        assertThat(plan.author()).isEqualTo("Sección LAC");
        assertThat(plan.words()).isGreaterThan(40);
        assertThat(plan.sha256()).hasSize(64);
        assertThat(plan.fileModified()).isCloseTo(Files.getLastModifiedTime(corpus.resolve("plan.docx")).toInstant(),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(byFile.get("broken.docx").status()).isEqualTo("CORRUPT");
        assertThat(byFile.get("broken.docx").message()).isNotBlank();
        assertThat(first.failures()).extracting(DocumentRepository.Failure::status).containsExactly("CORRUPT");
        assertThat(repository.text(english.id())).get().asString().contains("digitisation projects");

        // Unchanged corpus: nothing is parsed again.
        InventoryLauncher.Outcome second = launcher.run(false);
        assertThat(second.summary().parsed()).isZero();
        assertThat(register()).hasSize(5);
        assertThat(stepsOfLastRun()).containsExactly("discover", "register", "align");

        // A changed file keeps its id; a vanished one is gone, kept in the register; a removed copy is no duplicate.
        String spanishId = byFile.get("informe-es.txt").id();
        Files.writeString(corpus.resolve("informe-es.txt"), ES + "\nSe añadió una sección sobre el acceso abierto y los repositorios institucionales de la región.\n");
        Files.delete(corpus.resolve("relatorio-pt.txt"));
        Files.delete(corpus.resolve("copia/report-en.txt"));
        InventoryLauncher.Outcome third = launcher.run(false);
        assertThat(third.summary().parsed()).isEqualTo(1);
        assertThat(stepsOfLastRun()).containsExactly("discover", "extract", "sweep", "register", "align");
        assertThat(third.summary().changed()).isEqualTo(1);
        assertThat(third.summary().gone()).isEqualTo(1);
        Map<String, DocumentRecord> after = register();
        assertThat(after.get("informe-es.txt").id()).isEqualTo(spanishId);
        assertThat(repository.text(spanishId)).get().asString().contains("acceso abierto");
        assertThat(after.get("relatorio-pt.txt").state()).isEqualTo("GONE");
        assertThat(after.get("relatorio-pt.txt").goneSince()).isNotNull();
        assertThat(after.get("report-en.txt").duplicates()).isZero();

        // The whole folder unreadable: reported, and its documents are not marked gone.
        Path moved = work.resolve("corpus-moved");
        Files.move(corpus, moved);
        try {
            InventoryLauncher.Outcome fourth = launcher.run(false);
            assertThat(fourth.failure()).isNull();
            assertThat(fourth.summary().failedSources()).singleElement().asString().contains("corpus");
            assertThat(register().get("informe-es.txt").state()).isEqualTo("PRESENT");
        } finally {
            Files.move(moved, corpus);
        }

        // Only a vanished file: discovery sweeps itself, there is nothing to extract.
        Files.delete(corpus.resolve("report-en.txt"));
        InventoryLauncher.Outcome fifth = launcher.run(false);
        assertThat(stepsOfLastRun()).containsExactly("discover", "register", "align");
        assertThat(fifth.summary().parsed()).isZero();
        assertThat(fifth.summary().gone()).isEqualTo(1);
        assertThat(fifth.summary().finished()).isAfterOrEqualTo(fifth.summary().started());
        assertThat(register().get("report-en.txt").state()).isEqualTo("GONE");

        // The register files on disk hold the same records.
        JsonNode json = JsonMapper.builder().build().readTree(work.resolve("inventory/register.json").toFile());
        assertThat(json.size()).isEqualTo(5);
        List<String> csv = Files.readAllLines(work.resolve("inventory/register.csv"));
        assertThat(csv.get(0)).startsWith("id,state,status,message,title");
        assertThat(csv).hasSize(6);
    }

    /** The register keyed by the file name of each record's first location (duplicates share the name). */
    private Map<String, DocumentRecord> register() {
        List<DocumentRecord> records = new ArrayList<>();
        repository.forEachRecord(records::add);
        return records.stream().collect(Collectors.toMap(
                r -> Path.of(r.locations().get(0)).getFileName().toString(), Function.identity()));
    }

    /** The steps the last run executed, in order: an unchanged run skips extraction. */
    private List<String> stepsOfLastRun() {
        JobExecution last = jobs.getLastJobExecution(jobs.getLastJobInstance(InventoryJobConfiguration.NAME));
        return last.getStepExecutions().stream().sorted(java.util.Comparator.comparing(StepExecution::getId))
                .map(StepExecution::getStepName).toList();
    }
}
