package org.puente.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings of a Spring test that runs the pipeline over a folder of its own. */
public final class TestCorpus {

    private TestCorpus() {
    }

    /**
     * Puts the working state and the register under {@code work} and declares one folder source,
     * {@code corpus}, at {@code work/corpus} (created).
     *
     * @return the corpus folder, empty
     */
    public static Path register(DynamicPropertyRegistry registry, Path work) throws IOException {
        Path corpus = Files.createDirectories(work.resolve("corpus"));
        registry.add("puente.work-dir", () -> work.resolve("state").toString());
        registry.add("puente.inventory-dir", () -> work.resolve("inventory").toString());
        registry.add("puente.sources[0].name", () -> "corpus");
        registry.add("puente.sources[0].type", () -> "folder");
        registry.add("puente.sources[0].path", () -> corpus.toString());
        return corpus;
    }
}
