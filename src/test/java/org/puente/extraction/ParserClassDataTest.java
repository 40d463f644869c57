package org.puente.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser processes' class-data archive: written once after a first use, then mapped; a bad one is harmless. */
class ParserClassDataTest {

    @TempDir
    Path dir;

    private ExtractionLimits limits(Path classData) {
        ExtractionLimits limits = new ExtractionLimits();
        limits.setParserProcesses(1);
        limits.setClassDataDir(classData);
        return limits;
    }

    private static List<Path> archives(Path classData) throws Exception {
        if (!Files.isDirectory(classData)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(classData)) {
            return files.toList();
        }
    }

    @Test
    void noArchiveIsMadeFromAClassPathWithFolders() throws Exception {
        Path text = Files.writeString(dir.resolve("nota.txt"), "Informe de la biblioteca nacional.\n", StandardCharsets.UTF_8);
        Path classData = dir.resolve("cds");
        assertThat(ParserClassData.archivable(DocumentExtractor.childClassPath()))
                .as("Maven's test class path holds target/classes").isFalse();
        try (DocumentExtractor extractor = new DocumentExtractor(limits(classData), dir.resolve("extractor"))) {
            assertThat(extractor.extract(text).text()).contains("biblioteca nacional");
        }
        assertThat(archives(classData)).isEmpty();
        assertThat(ParserClassData.archivable(String.join(java.io.File.pathSeparator,
                Files.createFile(dir.resolve("a.jar")).toString(), dir.resolve("missing.jar").toString()))).isTrue();
    }

    @Test
    void theArchiveNameChangesWithTheClassPathAndTheOptions() throws Exception {
        Path jar = Files.write(dir.resolve("a.jar"), new byte[10]);
        Path one = ParserClassData.archive(dir, jar.toString(), List.of("-Xmx384m"));
        assertThat(one.getParent()).isEqualTo(dir);
        assertThat(one.getFileName().toString()).matches("parser-[0-9a-f]{24}\\.jsa");
        assertThat(ParserClassData.archive(dir, jar.toString(), List.of("-Xmx384m"))).isEqualTo(one);
        assertThat(ParserClassData.archive(dir, jar.toString(), List.of("-Xmx512m"))).isNotEqualTo(one);
        Files.write(jar, new byte[11]);
        assertThat(ParserClassData.archive(dir, jar.toString(), List.of("-Xmx384m"))).isNotEqualTo(one);
    }
}
