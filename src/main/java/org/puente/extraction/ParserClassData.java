package org.puente.extraction;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class-data sharing (AppCDS) archive for the parser processes: the classes a parser process
 * loads (Tika, POI, PDFBox...) are read, parsed and verified once, by a training process that
 * parses a few sample documents and exits normally ({@code -XX:ArchiveClassesAtExit}), and are
 * mapped from the archive by every later parser process ({@code -XX:SharedArchiveFile}). A
 * parser process cannot write the archive itself: it is killed, never exits.
 *
 * <p>The archive's name is a hash of what makes it valid: the Java runtime, the class path
 * (and the size and date of every jar on it, including those of a manifest {@code Class-Path})
 * and the parser processes' JVM options; a new build or JDK gets a new archive. The JVM checks
 * the archive again when it maps it and silently runs without it when it does not fit.
 */
final class ParserClassData {

    private static final Logger LOG = LoggerFactory.getLogger(ParserClassData.class);
    static final String TRAINING_RESOURCES = "/org/puente/extraction/training/";
    static final List<String> SAMPLES = List.of("sample.txt", "sample.html", "sample.docx", "sample.pdf");
    private static final long TRAINING_TIMEOUT_SECONDS = 120;

    private ParserClassData() {
    }

    /** Archives kept in the folder: older ones (earlier builds, other JDKs) are deleted. */
    private static final int KEPT_ARCHIVES = 4;

    /**
     * Whether the JVM can archive classes from this class path: jars only (a folder, such as
     * {@code target/classes} under Maven's tests, makes the training fail).
     */
    static boolean archivable(String classPath) {
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank() && Files.isDirectory(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    /** The archive for these parser processes in {@code dir}; it may not exist yet. */
    static Path archive(Path dir, String classPath, List<String> jvmOptions) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<String> key = new ArrayList<>();
        key.add(System.getProperty("java.home"));
        key.add(System.getProperty("java.vm.version"));
        key.addAll(jvmOptions);
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            key.add(entry + stamp(p));
            for (Path jar : manifestClassPath(p)) {
                key.add(jar + stamp(jar));
            }
        }
        for (String k : key) {
            digest.update(k.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return dir.resolve("parser-" + HexFormat.of().formatHex(digest.digest(), 0, 12) + ".jsa");
    }

    /**
     * Writes the archive by running the training process with the parser processes' own JVM
     * options and Tika configuration; a temporary file is moved into place when it succeeded.
     *
     * @return whether the archive now exists
     */
    static boolean train(Path archive, String javaPath, List<String> parserJvmArgs, Path tikaConfig) {
        Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(archive.getParent());
            List<String> command = new ArrayList<>();
            command.add(javaPath);
            command.add("-XX:ArchiveClassesAtExit=" + partial);
            command.addAll(parserJvmArgs);
            command.add(ParserClassData.class.getName());
            command.add(tikaConfig.toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.info("the parser processes' class-data archive was not written: training took over {} s",
                        TRAINING_TIMEOUT_SECONDS);
                return false;
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(partial)) {
                LOG.info("the parser processes' class-data archive was not written (training exited with {})",
                        process.exitValue());
                return false;
            }
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            pruneOlderArchives(archive.getParent());
            return true;
        } catch (IOException e) {
            LOG.info("the parser processes' class-data archive was not written: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", partial, e.toString());
            }
        }
    }

    /**
     * The training process: loads the parsers of the given Tika configuration and parses one
     * sample of each common format, then exits (which writes the archive).
     */
    public static void main(String[] args) throws Exception {
        AutoDetectParser parser = new AutoDetectParser(new TikaConfig(Path.of(args[0])));
        // the classes of the parser process's own protocol, loaded by every parser process
        for (String name : List.of("org.apache.tika.pipes.PipesServer", "org.apache.tika.pipes.FetchEmitTuple",
                "org.apache.tika.pipes.fetcher.fs.FileSystemFetcher", "org.apache.tika.pipes.PipesResult")) {
            Class.forName(name);
        }
        Path dir = Files.createTempDirectory("puente-training-");
        try {
            for (String sample : SAMPLES) {
                Path file = dir.resolve(sample);
                try (InputStream in = ParserClassData.class.getResourceAsStream(TRAINING_RESOURCES + sample)) {
                    if (in == null) {
                        continue;
                    }
                    Files.copy(in, file);
                }
                try (TikaInputStream in = TikaInputStream.get(file)) {
                    parser.parse(in, new BodyContentHandler(-1), new Metadata(), new ParseContext());
                }
            }
        } finally {
            for (String sample : SAMPLES) {
                Files.deleteIfExists(dir.resolve(sample));
            }
            Files.deleteIfExists(dir);
        }
        System.exit(0);
    }

    private static void pruneOlderArchives(Path dir) {
        try (var files = Files.list(dir)) {
            List<Path> archives = new ArrayList<>(files
                    .filter(f -> f.getFileName().toString().startsWith("parser-") && f.getFileName().toString().endsWith(".jsa"))
                    .toList());
            archives.sort(java.util.Comparator.comparing((Path f) -> {
                try {
                    return Files.getLastModifiedTime(f).toMillis();
                } catch (IOException e) {
                    return 0L;
                }
            }).reversed());
            for (Path old : archives.subList(Math.min(KEPT_ARCHIVES, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.debug("cannot prune class-data archives in {}: {}", dir, e.toString());
        }
    }

    private static String stamp(Path p) {
        try {
            return ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return ":missing";
        }
    }

    private static List<Path> manifestClassPath(Path p) {
        if (!p.toString().endsWith(".jar") || !Files.isRegularFile(p)) {
            return List.of();
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            List<Path> jars = new ArrayList<>();
            for (String entry : classPath.trim().split("\\s+")) {
                jars.add(p.resolveSibling(entry));
            }
            return jars;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
