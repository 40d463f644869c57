package org.puente.inventory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.List;

import org.puente.config.SourceDefinition;

/**
 * Walks a local folder recursively, keeping files that match an include glob and no exclude
 * glob (globs are relative to the folder, e.g. {@code **}{@code /*.pdf}). Hidden files and
 * folders are skipped. The fingerprint is size and modification time, so an unchanged file is
 * never read again; the location is the path as configured, joined with the file's relative path.
 */
public final class FolderSource implements DocumentSource {

    @Override
    public boolean handles(SourceDefinition.Type type) {
        return type == SourceDefinition.Type.FOLDER;
    }

    @Override
    public void discover(SourceDefinition source, DiscoveryListener listener) throws IOException {
        Path root = source.getPath();
        if (root == null) {
            throw new IllegalArgumentException(source + " has no 'path'");
        }
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toAbsolutePath().toString(), null,
                    "folder of " + source + " does not exist or is not a folder");
        }
        List<PathMatcher> includes = matchers(source.getInclude());
        List<PathMatcher> excludes = matchers(source.getExclude());
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Path relative = root.relativize(file);
                if (attrs.isRegularFile() && !isHidden(file) && matches(includes, relative, true)
                        && !matches(excludes, relative, false)) {
                    String location = root.resolve(relative).toString().replace('\\', '/');
                    String fingerprint = "file:" + attrs.size() + ":" + attrs.lastModifiedTime().toMillis();
                    listener.found(new FoundDocument(location, file, attrs.size(),
                            attrs.lastModifiedTime().toInstant(), fingerprint));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                listener.failed(root.resolve(root.relativize(file)).toString().replace('\\', '/'),
                        "cannot be read: " + e.getClass().getSimpleName() + " " + e.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        return globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    }

    /** A glob starting with {@code **}{@code /} also matches files at the top of the folder. */
    private static boolean matches(List<PathMatcher> matchers, Path relative, boolean whenEmpty) {
        if (matchers.isEmpty()) {
            return whenEmpty;
        }
        for (PathMatcher m : matchers) {
            if (m.matches(relative) || m.matches(Path.of("_").resolve(relative))) {
                return true;
            }
        }
        return false;
    }
}
