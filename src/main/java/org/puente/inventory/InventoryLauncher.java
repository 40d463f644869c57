package org.puente.inventory;

import java.nio.file.Path;
import java.util.List;

import org.puente.config.PuenteProperties;
import org.puente.config.WorkFolderLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts the inventory job, or resumes the last one if it did not finish: a run killed at any
 * point (even {@code kill -9}) is left STARTED in the job repository; the next run marks it
 * failed and restarts it, and the restart completes what was pending. Only one run at a time:
 * a lock file in the working folder, released by the OS even when the process is killed.
 */
@Component
public class InventoryLauncher {

    private static final Logger log = LoggerFactory.getLogger(InventoryLauncher.class);

    private final JobOperator operator;
    private final JobRepository jobs;
    private final Job inventoryJob;
    private final DocumentRepository repository;
    private final PuenteProperties properties;

    public InventoryLauncher(JobOperator operator, JobRepository jobs, Job inventoryJob, DocumentRepository repository,
                             PuenteProperties properties) {
        this.operator = operator;
        this.jobs = jobs;
        this.inventoryJob = inventoryJob;
        this.repository = repository;
        this.properties = properties;
    }

    /** What a run ended with. {@code failure} is null when the job completed. */
    public record Outcome(RunSummary summary, boolean resumed, String failure, List<DocumentRepository.Failure> failures) {
    }

    /**
     * Runs the pipeline.
     *
     * @param reextract parse every document again, not only new and changed ones
     */
    public Outcome run(boolean reextract) throws Exception {
        try (WorkFolderLock lock = WorkFolderLock.acquire(runLock(properties),
                "another 'puente run' is in progress on " + properties.getWorkDir() + "; wait for it to finish")) {
            return runLocked(reextract);
        }
    }

    /** Whether another process is running the pipeline on this working folder right now. */
    public boolean runInProgress() {
        return WorkFolderLock.isHeld(runLock(properties));
    }

    /** The lock file a run holds, so that one run at a time works on a working folder. */
    static Path runLock(PuenteProperties properties) {
        return properties.getWorkDir().resolve("run.lock");
    }

    private Outcome runLocked(boolean reextract) throws Exception {
        if (reextract) {
            log.info("re-extracting: {} locations will be parsed again", repository.forgetExtractions());
        }
        JobExecution execution;
        boolean resumed = false;
        JobExecution last = lastExecution();
        if (last != null && last.getStatus().isRunning()) {
            // Nobody else holds the lock, so this execution's process died: record that, then resume.
            log.warn("run {} did not finish (the process was stopped); resuming it", runOf(last));
            last = operator.recover(last);
        }
        if (last != null && (last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED)) {
            log.info("resuming run {}", runOf(last));
            execution = operator.restart(last);
            resumed = true;
        } else {
            long run = repository.nextRunId();
            JobParameters parameters = new JobParametersBuilder().addLong(InventoryJobConfiguration.RUN_PARAMETER, run).toJobParameters();
            execution = operator.start(inventoryJob, parameters);
        }
        long run = runOf(execution);
        RunSummary summary = repository.run(run).orElse(null);
        String failure = null;
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            failure = execution.getAllFailureExceptions().stream().findFirst()
                    .map(InventoryLauncher::reason)
                    .orElse("the run ended " + execution.getStatus());
        }
        return new Outcome(summary, resumed, failure, repository.failures());
    }

    private JobExecution lastExecution() {
        JobInstance instance = jobs.getLastJobInstance(InventoryJobConfiguration.NAME);
        return instance == null ? null : jobs.getLastJobExecution(instance);
    }

    private static long runOf(JobExecution execution) {
        Long run = execution.getJobParameters().getLong(InventoryJobConfiguration.RUN_PARAMETER);
        return run == null ? -1 : run;
    }

    /** The innermost message, which is the one a person can act on. */
    static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
