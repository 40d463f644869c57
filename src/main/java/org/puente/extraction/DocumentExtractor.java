package org.puente.extraction;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;

import org.apache.tika.exception.TikaConfigException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.pipes.FetchEmitTuple;
import org.apache.tika.pipes.HandlerConfig;
import org.apache.tika.pipes.PipesConfig;
import org.apache.tika.pipes.PipesException;
import org.apache.tika.pipes.PipesParser;
import org.apache.tika.pipes.PipesResult;
import org.apache.tika.pipes.emitter.EmitKey;
import org.apache.tika.pipes.fetcher.FetchKey;
import org.apache.tika.sax.BasicContentHandlerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point to Apache Tika in Puente: extracts the text and metadata of a file in a
 * separate parser JVM ({@link PipesParser}), under the bounds of {@link ExtractionLimits}.
 *
 * <p>A file that loops forever, exhausts the parser's heap, calls {@code System.exit} or crashes
 * the parser JVM only costs that file (status {@link ExtractionStatus#TIMEOUT},
 * {@link ExtractionStatus#OUT_OF_MEMORY} or {@link ExtractionStatus#CRASHED}); the parser process
 * is restarted for the next file and the calling JVM never notices.
 *
 * <p>Thread-safe: {@link #extract(Path)} may be called from up to
 * {@link ExtractionLimits#getParserProcesses()} threads in parallel, each using its own parser
 * process (more threads wait for a free process). Parser processes start lazily on first use
 * (about a second) and stop on {@link #close()}.
 *
 * <p>The parser JVM runs with the classpath of the running JVM ({@code java.class.path}, made
 * absolute). That works under {@code mvn test} and for the thin {@code java -jar target/puente.jar}
 * (whose manifest {@code Class-Path} lists {@code lib/*.jar}); it does not work from a Spring Boot
 * fat jar, which is refused at construction.
 */
public final class DocumentExtractor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentExtractor.class);

    static final String FETCHER_NAME = "fs";
    private static final long STARTUP_TIMEOUT_MILLIS = 120_000;
    /** Characters asked of Tika beyond the limit, see {@link TikaOutcomes#classify}. */
    static final int WRITE_LIMIT_MARGIN = 1024;

    private final ExtractionLimits limits;
    private final Path workDir;
    private final String classPath;
    private final Path logConfig;
    private final OcrMode ocrMode;
    /** The parser processes in use: replaced, before a run's extraction, by {@link #prepareFor}. */
    private volatile ParserProcesses processes;
    private volatile boolean closed;

    /** Whether OCR runs, and if not, why: it shapes the image-only message. */
    enum OcrMode {
        /** {@code puente.extraction.ocr} is false. */
        OFF,
        /** OCR is wanted but {@code tesseract} is not on the PATH. */
        NOT_INSTALLED,
        /** Tesseract runs on images and on PDF pages without text. */
        ON
    }

    /**
     * @param limits  bounds of every extraction; read once here (later changes have no effect)
     * @param workDir a folder private to this extractor: Tika configuration, parser logs, crash
     *                reports ({@code hs_err_pid*.log}) and temporary files go there; created if missing
     * @throws ExtractionUnavailableException when the folder cannot be written or the running
     *                                        JVM's classpath cannot start a parser process
     */
    public DocumentExtractor(ExtractionLimits limits, Path workDir) {
        this.limits = limits;
        this.workDir = workDir.toAbsolutePath().normalize();
        this.classPath = childClassPath();
        this.ocrMode = !limits.isOcr() ? OcrMode.OFF : tesseractInstalled() ? OcrMode.ON : OcrMode.NOT_INSTALLED;
        if (ocrMode == OcrMode.NOT_INSTALLED) {
            LOG.warn("OCR is enabled but 'tesseract --version' does not run: image-only pages will not be OCRed");
        }
        this.logConfig = this.workDir.resolve("parser-logback.xml");
        try {
            Files.createDirectories(this.workDir.resolve("tmp"));
            Files.writeString(logConfig, TikaConfigWriter.childLogbackXml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExtractionUnavailableException("cannot prepare the Tika parser configuration in "
                    + this.workDir + ": " + e.getMessage(), e);
        }
        this.processes = new ParserProcesses(limits.getParserJvmOptions(), "tika-config.xml");
    }

    /**
     * Sets the parser processes up for a run that is about to extract files of
     * {@link ExtractionLimits#LONG_DOCUMENT_BYTES} or more holding this many bytes: a long run
     * gets {@link ExtractionLimits#getLongRunParserJvmOptions()}. Parser processes already started
     * with other options (a warm-up during discovery) are stopped once their extractions in
     * progress return; the next extraction, or {@link #warmUp()}, starts the new ones. Call it
     * before the run's extractions: one already under way finishes on the old processes.
     *
     * @return whether the parser processes changed
     */
    public synchronized boolean prepareFor(long longDocumentBytes) {
        List<String> options = limits.parserJvmOptionsFor(longDocumentBytes);
        ParserProcesses current = processes;
        if (closed || options.equals(current.jvmOptions)) {
            return false;
        }
        LOG.info("long run ({} in documents of {} or more): the parser processes compile their hottest code with C2 ({})",
                humanBytes(longDocumentBytes), humanBytes(ExtractionLimits.LONG_DOCUMENT_BYTES), String.join(" ", options));
        processes = new ParserProcesses(options, "tika-config-long-run.xml");
        current.retire();
        return true;
    }

    /**
     * Extracts one file. Never throws for a bad document: every problem of the file itself is an
     * outcome with a status and a message a person can act on.
     *
     * @throws UncheckedIOException           the file does not exist or cannot be read (by this JVM)
     * @throws ExtractionUnavailableException the parser process cannot run; not the file's fault
     * @throws IllegalStateException          after {@link #close()}
     */
    public ExtractionOutcome extract(Path file) {
        if (closed) {
            throw new IllegalStateException("DocumentExtractor is closed");
        }
        Path path = file.toAbsolutePath().normalize();
        long size;
        try {
            if (!Files.isRegularFile(path)) {
                throw new NoSuchFileException(path.toString(), null, "not a regular file");
            }
            if (!Files.isReadable(path)) {
                throw new IOException("cannot read " + path + " (permissions)");
            }
            size = Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size > limits.getMaxFileBytes()) {
            return ExtractionOutcome.failed(ExtractionStatus.TOO_LARGE,
                    "too large: " + humanBytes(size) + " is above the limit of " + humanBytes(limits.getMaxFileBytes())
                            + " (puente.extraction.max-file-bytes); it was not parsed. Raise the limit or split the file",
                    null);
        }
        if (size == 0) {
            return ExtractionOutcome.failed(ExtractionStatus.CORRUPT,
                    "empty: the file has 0 bytes; ask for a fresh copy of the original", null);
        }

        ParseContext context = new ParseContext();
        // A little more than allowed: trailing whitespace past the limit is not a truncation.
        int writeLimit = limits.getMaxCharacters() > Integer.MAX_VALUE - WRITE_LIMIT_MARGIN
                ? -1 : limits.getMaxCharacters() + WRITE_LIMIT_MARGIN;
        // A file at least as large as the text kept (and as the zip-bomb guard's threshold) stops
        // being parsed at the limit (Tika throws; TikaOutcomes reads it as truncated): a 30 MB XML
        // file is not parsed to its end for text thrown away, and its output never outgrew its
        // size, as a zip bomb's does. A smaller file is parsed to its end, so that the zip-bomb
        // guard sees how far it expands and refuses it.
        boolean stopAtLimit = size >= Math.max(limits.getMaxCharacters(), limits.getCompressionThresholdCharacters());
        context.set(HandlerConfig.class, new HandlerConfig(BasicContentHandlerFactory.HANDLER_TYPE.BODY,
                HandlerConfig.PARSE_MODE.CONCATENATE, writeLimit, -1, stopAtLimit));
        FetchEmitTuple tuple = new FetchEmitTuple(path.toString(), new FetchKey(FETCHER_NAME, path.toString()),
                new EmitKey(), new Metadata(), context, FetchEmitTuple.ON_PARSE_EXCEPTION.EMIT);

        PipesResult result;
        ParserProcesses parsers = acquireProcesses();
        try {
            result = parsers.pipesParser.parse(tuple);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtractionUnavailableException("interrupted while extracting " + path, e);
        } catch (IOException | PipesException | RuntimeException e) {
            if (closed) {
                throw new IllegalStateException("DocumentExtractor was closed during extraction", e);
            }
            throw new ExtractionUnavailableException("the Tika parser process could not run (" + e
                    + "); check the parser's stderr above and " + workDir
                    + " - this is a setup problem, not a problem of " + path, e);
        } finally {
            parsers.release();
        }
        ExtractionOutcome outcome = TikaOutcomes.toOutcome(result, limits, ocrMode);
        if (ocrMode == OcrMode.ON && (outcome.status() == ExtractionStatus.TIMEOUT
                || outcome.status() == ExtractionStatus.OUT_OF_MEMORY || outcome.status() == ExtractionStatus.CRASHED)) {
            stopOrphanedOcr();
        }
        return outcome;
    }

    /**
     * Starts every parser process now by giving each a one-line text file, instead of on the
     * first documents (each start costs about a second). Throws
     * {@link ExtractionUnavailableException} if the processes cannot start.
     */
    public void warmUp() {
        Path probe = workDir.resolve("warm-up.txt");
        try {
            Files.writeString(probe, "Puente warm-up.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int processes = Math.max(1, limits.getParserProcesses());
        ExecutorService starters = Executors.newFixedThreadPool(processes);
        try {
            List<Future<ExtractionOutcome>> started = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                started.add(starters.submit(() -> extract(probe)));
            }
            for (Future<ExtractionOutcome> f : started) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            starters.shutdownNow();
        }
    }

    /** The folder holding the Tika configuration, parser logs and crash reports. */
    public Path workDir() {
        return workDir;
    }

    /** Stops the parser processes. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ParserProcesses parsers = processes;
        parsers.stop();
        if (ocrMode == OcrMode.ON) {
            stopOrphanedOcr();
        }
        if (parsers.classDataToWrite != null && parsers.used) {
            // once per build, Java runtime and options: the next runs' parser processes start faster
            LOG.info("writing the parser processes' class-data archive {} (once per build, Java runtime and options)",
                    parsers.classDataToWrite);
            ParserClassData.train(parsers.classDataToWrite, javaPath(), parsers.jvmArgs, parsers.configFile);
        }
        // Temporary files the parser processes left behind (a killed parser cannot clean up).
        try (var files = Files.list(workDir.resolve("tmp"))) {
            files.forEach(f -> {
                try {
                    if (Files.isRegularFile(f)) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    LOG.debug("cannot delete {}: {}", f, e.toString());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("cannot clean {}: {}", workDir.resolve("tmp"), e.toString());
        }
    }

    // ------------------------------------------------------------------------------------------

    /**
     * Stops the tesseract processes that a killed parser process left behind. A parser that runs
     * over the timeout is killed outright (SIGKILL): Tika's own clean-up of its external processes
     * (a shutdown hook) does not run, and a tesseract still working on a page would go on alone,
     * for as long as the page takes. Only tesseract processes reading an image from this
     * extractor's private {@code tmp} folder are considered, and of those only the ones no longer
     * run by one of this JVM's live parser processes.
     *
     * @return how many were stopped
     */
    int stopOrphanedOcr() {
        String tmpPrefix = workDir.resolve("tmp").toString() + File.separator;
        Set<Long> liveParsers = new HashSet<>();
        ProcessHandle.current().children().forEach(p -> liveParsers.add(p.pid()));
        int stopped = 0;
        for (ProcessHandle p : (Iterable<ProcessHandle>) ProcessHandle.allProcesses()::iterator) {
            ProcessHandle.Info info = p.info();
            String command = info.command().orElse("");
            if (!command.substring(command.lastIndexOf(File.separatorChar) + 1).startsWith("tesseract")) {
                continue;
            }
            String[] args = info.arguments().orElse(new String[0]);
            if (args.length == 0 || !args[0].startsWith(tmpPrefix)) {
                continue;
            }
            Optional<ProcessHandle> parent = p.parent();
            if (parent.isPresent() && liveParsers.contains(parent.get().pid())) {
                continue;
            }
            if (p.destroyForcibly()) {
                stopped++;
            }
        }
        if (stopped > 0) {
            LOG.warn("stopped {} tesseract process(es) left running by a stopped parser process", stopped);
        }
        return stopped;
    }

    /** The parser processes in use now, counted as in use until released. */
    private ParserProcesses acquireProcesses() {
        ParserProcesses parsers;
        do {
            parsers = processes.acquire(); // null: replaced by prepareFor since read; read again
        } while (parsers == null);
        return parsers;
    }

    /** Tika's parser processes for one set of JVM options: their configuration and their pool. */
    private final class ParserProcesses {
        final List<String> jvmOptions;
        final Path configFile;
        /** The processes' JVM arguments (class path included, archive excluded), for the class-data training. */
        final List<String> jvmArgs;
        /** The class-data archive to write when the extractor closes (it was missing), or null. */
        final Path classDataToWrite;
        final PipesParser pipesParser;
        volatile boolean used;
        /** Extractions under way on these processes. */
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile boolean retired;
        private final AtomicBoolean stopped = new AtomicBoolean();

        ParserProcesses(List<String> jvmOptions, String configName) {
            this.jvmOptions = List.copyOf(jvmOptions);
            this.configFile = workDir.resolve(configName);
            List<String> args = childJvmArgs(jvmOptions);
            this.jvmArgs = List.copyOf(args);
            Path archive = limits.getClassDataDir() == null || !ParserClassData.archivable(classPath) ? null
                    : ParserClassData.archive(limits.getClassDataDir().toAbsolutePath(), classPath,
                    cdsRelevantOptions(jvmOptions));
            if (archive != null && Files.isRegularFile(archive)) {
                args.add("-XX:SharedArchiveFile=" + archive);
                this.classDataToWrite = null;
            } else {
                this.classDataToWrite = archive;
            }
            try {
                String xml = TikaConfigWriter.tikaConfigXml(limits, ocrMode == OcrMode.ON,
                        args, javaPath(), STARTUP_TIMEOUT_MILLIS);
                Files.writeString(configFile, xml, StandardCharsets.UTF_8);
                PipesConfig pipesConfig = PipesConfig.load(configFile);
                // Callers beyond numClients wait for a free process instead of failing after 60 s.
                pipesConfig.setMaxWaitForClientMillis(Long.MAX_VALUE / 4);
                this.pipesParser = new PipesParser(pipesConfig);
            } catch (IOException | TikaConfigException e) {
                throw new ExtractionUnavailableException("cannot prepare the Tika parser configuration in "
                        + workDir + ": " + e.getMessage(), e);
            }
        }

        /**
         * These processes, counted as in use until {@link #release()}; null when they were retired
         * meanwhile (their successor is then {@link #processes}). The count goes up before
         * {@code retired} is read, and {@link #retire()} sets it before reading the count: either
         * this extraction backs off, or the processes are not stopped under it.
         */
        ParserProcesses acquire() {
            inFlight.incrementAndGet();
            if (retired) {
                release();
                return null;
            }
            used = true;
            return this;
        }

        void release() {
            if (inFlight.decrementAndGet() == 0 && retired) {
                stop();
            }
        }

        /**
         * Stops the processes once no extraction runs on them: stopping a process Tika is still
         * starting would leave it to find its input closed and exit with an error of its own.
         */
        void retire() {
            retired = true;
            if (inFlight.get() == 0) {
                stop();
            }
        }

        void stop() {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            try {
                pipesParser.close();
            } catch (IOException e) {
                LOG.warn("closing the Tika parser processes: {}", e.toString());
            }
        }
    }

    private List<String> childJvmArgs(List<String> jvmOptions) {
        List<String> args = new ArrayList<>();
        args.add("-cp");
        args.add(classPath);
        args.add("-Xmx" + limits.getParserHeapMegabytes() + "m");
        args.add("-XX:+UseSerialGC");
        // The child's standard output is Tika's protocol channel: a JVM warning printed there
        // (an obsolete option, say) would make the parent wait for the child forever.
        args.add("-XX:+DisplayVMOutputToStderr");
        // ...and so would a unified-logging warning (a class-data archive that does not fit, say)
        args.add("-Xlog:disable");
        args.add("-Xlog:all=warning:stderr");
        args.add("-XX:ActiveProcessorCount=1");
        args.add("-XX:ErrorFile=" + workDir.resolve("hs_err_pid%p.log"));
        args.add("-Djava.io.tmpdir=" + workDir.resolve("tmp"));
        args.add("-Dfile.encoding=UTF-8");
        args.add("-Dlogback.configurationFile=" + logConfig);
        args.addAll(jvmOptions);
        return args;
    }

    /** The parser processes' JVM options a class-data archive depends on (not the per-folder paths). */
    private List<String> cdsRelevantOptions(List<String> jvmOptions) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + limits.getParserHeapMegabytes() + "m");
        options.add("-XX:+UseSerialGC");
        options.add("-XX:ActiveProcessorCount=1");
        options.addAll(jvmOptions);
        return options;
    }

    private static String javaPath() {
        Path java = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "java.exe" : "java");
        return java.toString();
    }

    /**
     * The running JVM's classpath with every entry made absolute, so that the parser process
     * finds the same classes whatever its working folder. A jar on it keeps its manifest
     * {@code Class-Path} (the thin jar's {@code lib/*.jar}), which the JVM resolves itself.
     */
    static String childClassPath() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isBlank()) {
            throw new ExtractionUnavailableException("java.class.path is empty: the Tika parser process would have no classes");
        }
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (isSpringBootFatJar(p)) {
                throw new ExtractionUnavailableException("the application runs from a Spring Boot fat jar (" + p
                        + "): a Tika parser process cannot load classes from BOOT-INF/lib. Build the thin jar "
                        + "(target/puente.jar with lib/) or extract the fat jar (java -Djarmode=tools -jar app.jar extract)");
            }
            entries.add(p.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static boolean isSpringBootFatJar(Path p) {
        if (!p.toString().endsWith(".jar") || !Files.isRegularFile(p)) {
            return false;
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            return jar.getEntry("BOOT-INF/classes/") != null || jar.getEntry("BOOT-INF/lib/") != null;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean tesseractInstalled() {
        try {
            Process process = new ProcessBuilder("tesseract", "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
