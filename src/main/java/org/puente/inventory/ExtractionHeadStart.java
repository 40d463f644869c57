package org.puente.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.puente.config.PuenteProperties;
import org.puente.config.WorkFolderLock;
import org.puente.extraction.DocumentExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Starts the parser processes of a run that will extract while Puente itself starts, instead of
 * once the run has begun: Spring's start takes several seconds, mostly on one core, and a parser
 * process about a second to be ready. On the samples' first run that was 1.9 s from the
 * extraction step's start to its first result.
 *
 * <p>Only for {@code puente run} when it will surely extract: the working folder's first run (no
 * register written yet) or {@code --reextract}. Other runs start their parser processes when
 * discovery finds a new or changed document ({@link ExtractionWarmUp}), so an unchanged re-run
 * starts none. The run lock is {@linkplain WorkFolderLock#reserve reserved} first: while another
 * run holds it, nothing starts (that run's parser folder is not touched) and this run stops on the
 * lock as before.
 *
 * <p>The extractor goes to the {@code documentExtractor} bean ({@link #take()}); one never taken (the
 * command failed before its run, or the application failed to start) is closed with the
 * application, and the reserved lock released.
 */
public final class ExtractionHeadStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(ExtractionHeadStart.class);
    static final String BEAN = "extractionHeadStart";
    private static final long WARM_UP_WAIT_MILLIS = 30_000;
    private static final Set<String> NO_RUN_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private final boolean reextract;
    /** The extractor, once set up: its parser processes may still be starting then. */
    private CompletableFuture<DocumentExtractor> starting;
    private Thread warmingUp;
    private Path runLock;
    private boolean taken;

    private ExtractionHeadStart(boolean reextract) {
        this.reextract = reextract;
    }

    /** Adds the head start to the application when its command line is {@code run}. */
    public static void addTo(SpringApplication application, String[] args) {
        List<String> commands = Arrays.stream(args).filter(a -> !a.startsWith("-")).toList();
        boolean run = !commands.isEmpty() && commands.get(0).equals("run")
                && Arrays.stream(args).noneMatch(NO_RUN_OPTIONS::contains);
        if (run) {
            application.addInitializers(new ExtractionHeadStart(List.of(args).contains("--reextract")));
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        PuenteProperties properties;
        try {
            properties = Binder.get(context.getEnvironment()).bind("puente", PuenteProperties.class)
                    .orElseGet(PuenteProperties::new);
        } catch (RuntimeException e) {
            return; // a bad setting: the application's own start reports it
        }
        if (!reextract && Files.exists(properties.getInventoryDir().resolve(RegisterExport.CSV_FILE))) {
            return;
        }
        Path lock = InventoryLauncher.runLock(properties);
        if (!WorkFolderLock.reserve(lock)) {
            return;
        }
        runLock = lock;
        CompletableFuture<DocumentExtractor> ready = new CompletableFuture<>();
        starting = ready;
        warmingUp = ExtractionWarmUp.start("parser processes ahead of the run", () -> {
            DocumentExtractor extractor;
            try {
                extractor = InventoryJobConfiguration.newExtractor(properties);
            } catch (RuntimeException e) {
                ready.completeExceptionally(e);
                return;
            }
            ready.complete(extractor);
            extractor.warmUp();
        });
        context.getBeanFactory().registerSingleton(BEAN, this);
        // closed with the application; a start that fails before the context is up only publishes the failure
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
                closeUntaken();
            }
        });
    }

    /**
     * The extractor started ahead, once set up (its parser processes may still be starting), or
     * null when there is none or it could not be set up. Once only.
     */
    synchronized DocumentExtractor take() {
        if (starting == null || taken) {
            return null;
        }
        taken = true;
        return startedExtractor();
    }

    private synchronized void closeUntaken() {
        if (starting == null || taken) {
            return;
        }
        taken = true;
        DocumentExtractor extractor = startedExtractor();
        if (extractor != null) {
            // a parser process stopped while Tika still starts it reports an error on the console
            try {
                warmingUp.join(WARM_UP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            extractor.close();
        }
        try {
            WorkFolderLock.cancelReservation(runLock);
        } catch (IOException e) {
            log.debug("releasing the run lock reserved ahead failed: {}", e.getMessage());
        }
    }

    private DocumentExtractor startedExtractor() {
        try {
            return starting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            log.debug("setting the extractor up ahead of the run failed: {}", e.getCause().getMessage());
            return null;
        }
    }
}
