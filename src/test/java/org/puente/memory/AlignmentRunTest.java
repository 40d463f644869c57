package org.puente.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.inventory.DocumentRepository;
import org.puente.inventory.InventoryLauncher;
import org.puente.inventory.TestCorpus;
import org.puente.inventory.TextDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Alignment end to end: the pipeline inventories a folder with en/ and es/ versions of a
 * generated text, aligns them into the memory with provenance, keeps the less sure pairs for
 * review, does nothing again on an unchanged re-run, and replaces the alignment when a
 * document changes, keeping what reviewers decided.
 */
@SpringBootTest(properties = "puente.cli.enabled=false")
class AlignmentRunTest {

    @TempDir
    static Path work;

    static Path corpus;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        corpus = TestCorpus.register(registry, work);
        registry.add("puente.sources[0].owner", () -> "section");
        registry.add("puente.extraction.timeout-seconds", () -> "30");
        // high, so that some of the generated pairs wait for review
        registry.add("puente.memory.alignment.min-confidence", () -> "0.9");
        registry.add("puente.memory.alignment.pairs[0].source", () -> "no/such/document.txt");
        registry.add("puente.memory.alignment.pairs[0].target", () -> corpus.resolve("es/guia.txt").toString());
    }

    @Autowired
    InventoryLauncher launcher;

    @Autowired
    DocumentAligner aligner;

    @Autowired
    AlignmentReview review;

    @Autowired
    TranslationMemory memory;

    @Autowired
    DocumentRepository documents;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TmLookup lookup;

    /** The generated parallel pair: en in three paragraphs; es merges two sentences and leaves one out. */
    static String english() {
        String[][] p = SentenceAlignerTest.PAIRS;
        return String.join("\n\n", p[0][0] + " " + p[1][0] + " " + p[2][0] + " " + p[3][0],
                p[4][0] + " " + p[5][0] + " " + p[6][0] + " " + p[7][0],
                p[8][0] + " " + p[9][0] + " " + p[10][0] + " " + p[11][0]) + "\n";
    }

    static String spanish(String lastSentence) {
        String[][] p = SentenceAlignerTest.PAIRS;
        return String.join("\n\n", p[0][1] + " Tiene lugar para 120 lectores y ofrece acceso gratuito a las colecciones "
                        + "digitales, y los visitantes deben registrarse en el mostrador de entrada. " + p[3][1],
                p[4][1] + " " + p[5][1] + " " + p[6][1] + " " + p[7][1],
                p[9][1] + " " + p[10][1] + " " + lastSentence) + "\n";
    }

    @Test
    void alignsASmallGeneratedParallelPairIntoTheMemoryOnceAndKeepsReviewDecisions() throws Exception {
        String[][] p = SentenceAlignerTest.PAIRS;
        Files.createDirectories(corpus.resolve("en"));
        Files.createDirectories(corpus.resolve("es"));
        Files.writeString(corpus.resolve("en/guia.txt"), english(), StandardCharsets.UTF_8);
        Files.writeString(corpus.resolve("es/guia.txt"), spanish(p[11][1]), StandardCharsets.UTF_8);
        Files.writeString(corpus.resolve("es/otro.txt"), p[9][1] + " " + p[10][1] + "\n", StandardCharsets.UTF_8);

        // First run: one pair found (es first: the configured order), aligned.
        InventoryLauncher.Outcome first = launcher.run(false);
        assertThat(first.failure()).isNull();
        DocumentAligner.RunFigures figures = aligner.figuresOfRun(first.summary().runId());
        assertThat(figures.pairs()).isEqualTo(1);
        assertThat(figures.failures()).isEmpty();
        assertThat(figures.intoMemory()).isGreaterThan(0);
        assertThat(figures.forReview()).isGreaterThan(0);
        // 10 beads with text on both sides; the omitted sentence is in neither list
        assertThat(figures.intoMemory() + figures.forReview()).isEqualTo(10);
        assertThat(aligner.declaredCandidates().problems()).singleElement().asString()
                .contains("unknown document 'no/such/document.txt'");

        TextDocument es = documents.findDocument(corpus.resolve("es/guia.txt").toString()).orElseThrow();
        TextDocument en = documents.findDocument(corpus.resolve("en/guia.txt").toString()).orElseThrow();
        assertThat(es.language()).isEqualTo("es");
        assertThat(en.language()).isEqualTo("en");
        List<Object[]> units = jdbc.sql("SELECT origin, origin_detail, document_id, created_at, source_language FROM tm_unit")
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4),
                        rs.getString(5)}).list();
        assertThat(units).hasSize(figures.intoMemory()).allSatisfy(u -> {
            assertThat(u[0]).isEqualTo("ALIGNMENT");
            assertThat((String) u[1]).contains(es.id()).contains(en.id()).contains("es/guia.txt").contains("en/guia.txt");
            assertThat(u[2]).isEqualTo(es.id());
            assertThat(u[3]).isNotNull();
            assertThat(u[4]).isEqualTo(TranslationUnit.ALL_LANGUAGES);
        });

        // What is in the memory answers lookups; what waits for review does not.
        List<AlignmentReview.PendingPair> pending = review.pending();
        assertThat(pending).hasSize(figures.forReview()).allSatisfy(r -> {
            assertThat(r.confidence()).isLessThan(0.9);
            assertThat(r.sourceLanguage()).isEqualTo("es");
            assertThat(memory.exactTranslations(r.source(), "es", "en")).isEmpty();
        });
        List<String> inMemory = new ArrayList<>();
        for (String[] pair : p) {
            inMemory.addAll(memory.exactTranslations(pair[1], "es", "en"));
        }
        assertThat(inMemory).hasSizeGreaterThan(0).allSatisfy(t -> assertThat(List.of(p).stream().anyMatch(x -> x[0].equals(t))).isTrue());

        // Each side of an aligned unit knows its neighbours: the same sentence between the same ones is in context,
        // in either direction.
        int k = java.util.stream.IntStream.rangeClosed(5, 6)
                .filter(i -> memory.exactTranslations(p[i][1], "es", "en").contains(p[i][0])).findFirst().orElseThrow();
        TmMatch english = lookup.lookup(p[k][0], p[k - 1][0], p[k + 1][0], "en", "es", 75, 1).get(0);
        assertThat(english.inContext()).isTrue();
        assertThat(english.target()).isEqualTo(p[k][1]);
        assertThat(lookup.lookup(p[k][1], p[k - 1][1], p[k + 1][1], "es", "en", 75, 1).get(0).inContext()).isTrue();
        assertThat(lookup.lookup(p[k][0], p[k + 1][0], p[k - 1][0], "en", "es", 75, 1).get(0).inContext()).isFalse();
        assertThat(memory.exactTranslations(p[8][0], "en", "es")).isEmpty(); // the omitted sentence

        // Unchanged re-run: nothing aligned again, nothing doubled.
        long unitsBefore = memory.size();
        InventoryLauncher.Outcome second = launcher.run(false);
        assertThat(aligner.figuresOfRun(second.summary().runId()).pairs()).isZero();
        assertThat(memory.size()).isEqualTo(unitsBefore);
        assertThat(review.pending()).hasSize(pending.size());
        // Forced realignment replaces, it does not add.
        List<DocumentAligner.PairResult> again = aligner.alignAll(aligner.candidates().pairs(), null, true);
        assertThat(again).singleElement().satisfies(r -> assertThat(r.unchanged()).isFalse());
        assertThat(memory.size()).isEqualTo(unitsBefore);
        assertThat(review.pending()).hasSize(pending.size());

        // Review: accept one pending pair (not the sentence changed below), reject the others.
        pending = review.pending();
        AlignmentReview.PendingPair accepted = pending.stream().filter(r -> !r.source().contains(p[11][1]))
                .findFirst().orElseThrow();
        List<Long> others = pending.stream().map(AlignmentReview.PendingPair::id).filter(id -> id != accepted.id()).toList();
        assertThat(review.accept(List.of(accepted.id()))).isEmpty();
        assertThat(review.reject(others)).isEmpty();
        assertThat(review.accept(List.of(accepted.id(), 999_999L))).containsExactly(accepted.id() + ": already accepted",
                "999999: no such pair in the review queue");
        assertThat(memory.exactTranslations(accepted.source(), "es", "en")).containsExactly(accepted.target());
        assertThat(review.pending()).isEmpty();
        assertThat(memory.size()).isEqualTo(unitsBefore + 1);

        // The Spanish document changes (its last sentence): realigned, the decisions kept.
        Files.writeString(corpus.resolve("es/guia.txt"), spanish("El comité se reunirá de nuevo en Lima en noviembre."),
                StandardCharsets.UTF_8);
        InventoryLauncher.Outcome third = launcher.run(false);
        assertThat(aligner.figuresOfRun(third.summary().runId()).pairs()).isEqualTo(1);
        String changed = "El comité se reunirá de nuevo en Lima en noviembre.";
        boolean changedInMemory = memory.exactTranslations(changed, "es", "en").equals(List.of(p[11][0]));
        boolean changedInReview = review.pending().stream().anyMatch(r -> r.source().equals(changed) && r.target().equals(p[11][0]));
        assertThat(changedInMemory ^ changedInReview).isTrue();
        assertThat(memory.exactTranslations(p[11][1], "es", "en")).isEmpty(); // the old sentence's unit is gone
        assertThat(memory.exactTranslations(accepted.source(), "es", "en")).containsExactly(accepted.target());
        assertThat(review.pending()).allSatisfy(r -> assertThat(others).doesNotContain(r.id()));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tm_alignment").query(Integer.class).single()).isEqualTo(1);

        // Declarations that cannot be aligned say why in one line.
        assertThatThrownBy(() -> aligner.declared(es.id(), corpus.resolve("es/otro.txt").toString()))
                .hasMessageContaining("both documents are in es");
        assertThatThrownBy(() -> aligner.declared("0123456789abcdef", en.id()))
                .hasMessageContaining("unknown document '0123456789abcdef'");
        DocumentAligner.Candidate declared = aligner.declared(en.id(), corpus.resolve("es/guia.txt").toString());
        assertThat(declared.source().id()).isEqualTo(en.id());
    }
}
