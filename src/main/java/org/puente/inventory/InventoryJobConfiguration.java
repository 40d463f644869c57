package org.puente.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.puente.config.PuenteProperties;
import org.puente.extraction.DocumentExtractor;
import org.puente.extraction.LanguageDetector;
import org.puente.inventory.web.SiteCrawl;
import org.puente.inventory.web.SitemapSource;
import org.puente.inventory.web.UrlListSource;
import org.puente.inventory.web.WebFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The inventory job, read top to bottom: discover the sources' documents, extract the new and
 * changed ones (in parallel, in chunks committed one by one), mark gone what was not seen
 * ({@link RunSweep}), write the register files, and align the translation pairs into the
 * memory. A run with nothing to extract skips the extraction and the sweep step: discovery
 * sweeps itself (see {@link PendingExtraction}). Restart after a
 * crash comes from the database state: the extraction reader selects only what is still
 * pending and every writer is keyed.
 */
@Configuration
public class InventoryJobConfiguration {

    public static final String NAME = "inventory";
    public static final String RUN_PARAMETER = "run";
    private static final Logger log = LoggerFactory.getLogger(InventoryJobConfiguration.class);

    static long runId(StepExecution stepExecution) {
        Long run = stepExecution.getJobParameters().getLong(RUN_PARAMETER);
        if (run == null) {
            throw new IllegalStateException("job parameter '" + RUN_PARAMETER + "' is missing");
        }
        return run;
    }

    /** The last step, {@code alignStep}, belongs to the memory (alignment of translation pairs). */
    @Bean
    Job inventoryJob(JobRepository jobs, Step discoverStep, Step extractStep, Step sweepStep, Step registerStep,
                     Step alignStep) {
        PendingExtraction pending = new PendingExtraction();
        return new JobBuilder(NAME, jobs)
                .start(discoverStep)
                .next(pending).on(PendingExtraction.NOTHING_TO_EXTRACT.getName()).to(registerStep)
                .from(pending).on("*").to(extractStep).next(sweepStep).next(registerStep)
                .from(registerStep).next(alignStep)
                .end()
                .build();
    }

    @Bean
    Step discoverStep(JobRepository jobs, PlatformTransactionManager tx, PuenteProperties properties,
                      List<DocumentSource> sources, DocumentRepository repository, ExtractionWarmUp warmUp,
                      RunSweep sweep) {
        // The tasklet commits its own batches; the step's transaction only covers its bookkeeping.
        return new StepBuilder("discover", jobs)
                .tasklet(new DiscoveryTasklet(properties, sources, repository, tx, warmUp::startIfPending, sweep),
                        new ResourcelessTransactionManager())
                .build();
    }

    @Bean
    RunSweep runSweep(DocumentRepository repository, PuenteProperties properties) {
        return new RunSweep(repository, properties);
    }

    @Bean
    Step extractStep(JobRepository jobs, PlatformTransactionManager tx, PuenteProperties properties,
                     JdbcPagingItemReader<PendingLocation> pendingLocations, ExtractionProcessor extractionProcessor,
                     ExtractedDocumentWriter extractedDocuments, DocumentRepository repository,
                     ExtractionWarmUp warmUp) {
        int workers = Math.max(1, properties.getWorkers());
        // Documents are extracted ahead of the chunk being written (see ExtractionReadAhead): 8 per
        // worker cover a chunk's write (short documents: ~1 ms each to write, ~7 ms to parse) while
        // bounding the texts held in memory to a chunk and 8 per worker more.
        ExtractionReadAhead extracted = new ExtractionReadAhead(pendingLocations, extractionProcessor, workers,
                Math.max(workers, Math.min(properties.getChunkSize(), 8 * workers)));
        ExtractionProgress progress = new ExtractionProgress(repository, System.console() != null);
        return new StepBuilder("extract", jobs)
                .<ExtractedDocument, ExtractedDocument>chunk(properties.getChunkSize())
                .transactionManager(tx)
                .reader(extracted)
                .writer(extractedDocuments)
                .listener((StepListener) warmUp)
                .listener((StepListener) progress)
                .build();
    }

    @Bean
    ExtractionWarmUp extractionWarmUp(DocumentRepository repository, PuenteProperties properties,
                                      ObjectProvider<DocumentExtractor> extractor,
                                      ObjectProvider<LanguageDetector> languages) {
        return new ExtractionWarmUp(repository, properties.getExtraction(), extractor::getObject, languages::getObject);
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<PendingLocation> pendingLocations(DataSource dataSource,
                                                           @Value("#{jobParameters['run']}") Long run) throws Exception {
        return new JdbcPagingItemReaderBuilder<PendingLocation>()
                .name("pendingLocations")
                .dataSource(dataSource)
                .selectClause("SELECT location, content_path, fingerprint, size_bytes, document_id")
                .fromClause("FROM document_location")
                .whereClause(DocumentRepository.PENDING_WHERE)
                .parameterValues(Map.of("run", run))
                .sortKeys(Map.of("location", Order.ASCENDING))
                .rowMapper((rs, n) -> new PendingLocation(rs.getString("location"),
                        java.nio.file.Path.of(rs.getString("content_path")), rs.getString("fingerprint"),
                        rs.getLong("size_bytes"), rs.getString("document_id")))
                .pageSize(100)
                // restart needs no saved position: finished locations are no longer pending
                .saveState(false)
                .build();
    }

    @Bean
    @StepScope
    ExtractedDocumentWriter extractedDocuments(DocumentRepository repository,
                                               @Value("#{jobParameters['run']}") Long run) {
        return new ExtractedDocumentWriter(repository, run);
    }

    @Bean
    ExtractionProcessor extractionProcessor(DocumentRepository repository, ObjectProvider<DocumentExtractor> extractor,
                                            ObjectProvider<LanguageDetector> languages) {
        return new ExtractionProcessor(repository, extractor::getObject, languages::getObject);
    }

    @Bean
    Step sweepStep(JobRepository jobs, PlatformTransactionManager tx, RunSweep sweep) {
        return new StepBuilder("sweep", jobs)
                .tasklet((contribution, context) -> {
                    sweep.sweep(runId(context.getStepContext().getStepExecution()));
                    return RepeatStatus.FINISHED;
                }, tx)
                .build();
    }

    @Bean
    Step registerStep(JobRepository jobs, PlatformTransactionManager tx, RegisterExport export,
                      PuenteProperties properties) {
        return new StepBuilder("register", jobs)
                .tasklet((contribution, context) -> {
                    try {
                        int records = export.writeRegister(properties.getInventoryDir());
                        log.info("register written: {} records in {}", records, properties.getInventoryDir());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write the register to " + properties.getInventoryDir(), e);
                    }
                    return RepeatStatus.FINISHED;
                }, tx)
                .build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    DocumentExtractor documentExtractor(PuenteProperties properties, ObjectProvider<ExtractionHeadStart> headStart) {
        ExtractionHeadStart ahead = headStart.getIfAvailable();
        DocumentExtractor started = ahead == null ? null : ahead.take();
        return started != null ? started : newExtractor(properties);
    }

    /** The extractor of the configured limits, its files in the working folder's {@code extraction}. */
    static DocumentExtractor newExtractor(PuenteProperties properties) {
        return new DocumentExtractor(properties.getExtraction(), properties.getWorkDir().resolve("extraction"));
    }

    @Bean
    @Lazy
    LanguageDetector languageDetector(PuenteProperties properties) {
        return new LanguageDetector(properties.getLanguages());
    }

    @Bean
    FolderSource folderSource() {
        return new FolderSource();
    }

    @Bean
    WebFetcher webFetcher() {
        return new WebFetcher();
    }

    @Bean
    UrlListSource urlListSource(PuenteProperties properties, WebFetcher fetcher) {
        return new UrlListSource(properties.webCacheDir(), fetcher);
    }

    @Bean
    SitemapSource sitemapSource(PuenteProperties properties, WebFetcher fetcher) {
        return new SitemapSource(properties.webCacheDir(), fetcher);
    }

    @Bean
    SiteCrawl siteCrawl(PuenteProperties properties, WebFetcher fetcher) {
        return new SiteCrawl(properties.webCacheDir(), fetcher);
    }
}
