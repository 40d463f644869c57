package org.puente.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.config.SourceDefinition;

class FolderSourceTest {

    @TempDir
    Path root;

    private final List<FoundDocument> found = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final DiscoveryListener listener = new DiscoveryListener() {
        @Override
        public void found(FoundDocument document) {
            found.add(document);
        }

        @Override
        public void failed(String location, String reason) {
            failed.add(location + " " + reason);
        }
    };

    private SourceDefinition folder(List<String> include, List<String> exclude) {
        SourceDefinition source = new SourceDefinition();
        source.setName("test");
        source.setPath(root);
        source.setInclude(include);
        source.setExclude(exclude);
        return source;
    }

    private void write(String relative, String content) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private List<String> relativeLocations() {
        return found.stream().map(f -> root.relativize(Path.of(f.location())).toString()).sorted().toList();
    }

    @Test
    void walksSubfoldersKeepingIncludedAndDroppingExcludedAndHiddenFiles() throws Exception {
        write("a.pdf", "x");
        write("notes.tmp", "x");
        write("sub/deeper/b.docx", "x");
        write("sub/c.pdf", "x");
        write("drafts/d.pdf", "x");
        write(".git/config.pdf", "x");
        write("sub/.hidden.pdf", "x");

        new FolderSource().discover(folder(List.of("**/*.pdf", "**/*.docx"), List.of("drafts/**")), listener);

        assertThat(relativeLocations()).containsExactly("a.pdf", "sub/c.pdf", "sub/deeper/b.docx");
        assertThat(failed).isEmpty();
    }

    @Test
    void fingerprintFollowsSizeAndModificationTime() throws Exception {
        write("a.txt", "hello");
        Path file = root.resolve("a.txt");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        new FolderSource().discover(folder(List.of("**"), List.of()), listener);
        String before = found.get(0).fingerprint();
        assertThat(found.get(0).size()).isEqualTo(5);

        found.clear();
        new FolderSource().discover(folder(List.of("**"), List.of()), listener);
        assertThat(found.get(0).fingerprint()).isEqualTo(before);

        Files.writeString(file, "hello, world");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        found.clear();
        new FolderSource().discover(folder(List.of("**"), List.of()), listener);
        assertThat(found.get(0).fingerprint()).isNotEqualTo(before);
    }

    @Test
    void aMissingFolderIsAnErrorThatNamesIt() {
        SourceDefinition source = folder(List.of("**"), List.of());
        source.setPath(root.resolve("nowhere"));
        assertThatThrownBy(() -> new FolderSource().discover(source, listener))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nowhere")
                .hasMessageContaining("does not exist");
    }
}
