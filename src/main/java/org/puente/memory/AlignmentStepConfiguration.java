package org.puente.memory;

import org.puente.config.PuenteProperties;
import org.puente.inventory.InventoryJobConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pipeline's last step, {@code align}: the translation pairs of the inventory whose
 * documents changed since their last alignment, and the declared ones, into the memory. A pair
 * that fails is recorded with its reason (and tried again next run); it never fails the run.
 */
@Configuration(proxyBeanMethods = false)
public class AlignmentStepConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlignmentStepConfiguration.class);

    @Bean
    Step alignStep(JobRepository jobs, DocumentAligner aligner, PuenteProperties properties) {
        // Each pair commits its own transaction; the step's only covers its bookkeeping.
        return new StepBuilder("align", jobs)
                .tasklet((contribution, context) -> {
                    if (!properties.getMemory().getAlignment().isEnabled()) {
                        return RepeatStatus.FINISHED;
                    }
                    Long run = context.getStepContext().getStepExecution().getJobParameters()
                            .getLong(InventoryJobConfiguration.RUN_PARAMETER);
                    DocumentAligner.Candidates candidates = aligner.candidates();
                    candidates.problems().forEach(p -> log.warn("alignment: {}", p));
                    var results = aligner.alignAll(candidates.pairs(), run, false);
                    long aligned = results.stream().filter(r -> !r.unchanged() && r.failure() == null).count();
                    log.info("alignment: {} translation pairs, {} aligned, {} unchanged, {} failed", results.size(), aligned,
                            results.stream().filter(DocumentAligner.PairResult::unchanged).count(),
                            results.stream().filter(r -> r.failure() != null).count());
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager())
                .build();
    }
}
