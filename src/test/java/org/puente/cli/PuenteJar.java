package org.puente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The packaged command line ({@code target/puente.jar}, built by {@code package} before the
 * integration tests) started as a user starts it, in a folder of its own: a real JVM whose
 * output is collected line by line and which can be killed.
 */
public final class PuenteJar {

    private final Path workingFolder;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private PuenteJar(Path workingFolder, Process process) {
        this.workingFolder = workingFolder;
        this.process = process;
        this.pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "puente-output");
        pump.setDaemon(true);
        pump.start();
    }

    public static Path jar() {
        Path jar = Path.of("target", "puente.jar").toAbsolutePath();
        assertThat(jar).as("run 'mvnw package' first: integration tests use the packaged jar").exists();
        return jar;
    }

    /** Starts {@code java -jar puente.jar args...} in the folder, standard error merged into standard output. */
    public static PuenteJar start(Path workingFolder, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the parser processes' class-data archive in target/, not in the user's cache
        command.add("-Dpuente.extraction.class-data-dir=" + jar().resolveSibling("cds"));
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workingFolder.toFile()).redirectErrorStream(true).start();
        return new PuenteJar(workingFolder, process);
    }

    /** Runs a command to its end; returns its exit code. */
    public static Result run(Path workingFolder, String... args) throws Exception {
        PuenteJar jar = start(workingFolder, args);
        int exit = jar.waitFor(600);
        return new Result(exit, String.join("\n", jar.lines()));
    }

    public record Result(int exitCode, String output) {
    }

    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("puente did not finish in " + seconds + " s; output:\n" + String.join("\n", lines));
        }
        pump.join(5000);
        return process.exitValue();
    }

    /** Waits until a line of output contains the text. */
    public void awaitLine(String text, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (lines.stream().noneMatch(l -> l.contains(text))) {
            if (!process.isAlive() || System.nanoTime() > end) {
                throw new AssertionError("no line with '" + text + "'; output:\n" + String.join("\n", lines));
            }
            Thread.sleep(20);
        }
    }

    /** kill -9: no shutdown hook, no cleanup. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public Path workingFolder() {
        return workingFolder;
    }

    /** Writes {@code pipeline/puente.yml} in the folder. */
    public static void configure(Path workingFolder, String yaml) throws IOException {
        Files.createDirectories(workingFolder.resolve("pipeline"));
        Files.writeString(workingFolder.resolve("pipeline/puente.yml"), yaml);
    }
}
