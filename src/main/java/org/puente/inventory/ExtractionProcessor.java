package org.puente.inventory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import org.puente.extraction.DocumentExtractor;
import org.puente.extraction.ExtractionOutcome;
import org.puente.extraction.LanguageDetector;
import org.puente.extraction.LanguageProfile;
import org.puente.extraction.WordCount;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Hashes a pending location's content and, unless that content is already in the register,
 * extracts its text and languages. Runs on several threads at once; it only reads the database.
 *
 * <p>A small file is hashed first, so that content already registered is not parsed again. A
 * file of {@value #HASH_ALONGSIDE_BYTES} bytes or more that no registered document matches in
 * size (same content, same size) is hashed on a thread of its own while the parser process
 * extracts it: SHA-256 takes 10-20 ms per MB in the run's JVM (C1 code), and a large file is
 * often the last one a run waits for (the samples' 26.5 MB TMX: 250-380 ms).
 */
public final class ExtractionProcessor implements ItemProcessor<PendingLocation, ExtractedDocument> {

    static final long HASH_ALONGSIDE_BYTES = 1 << 20;

    private final DocumentRepository repository;
    private final Supplier<DocumentExtractor> extractor;
    private final Supplier<LanguageDetector> languages;

    /** Extractor and detector are supplied on first use: starting them costs parser processes and models. */
    public ExtractionProcessor(DocumentRepository repository, Supplier<DocumentExtractor> extractor,
                               Supplier<LanguageDetector> languages) {
        this.repository = repository;
        this.extractor = extractor;
        this.languages = languages;
    }

    @Override
    public ExtractedDocument process(PendingLocation pending) {
        boolean alongside = pending.sizeBytes() >= HASH_ALONGSIDE_BYTES
                && !repository.hasDocumentOfSize(pending.sizeBytes());
        return alongside ? hashWhileExtracting(pending) : hashThenExtract(pending);
    }

    private ExtractedDocument hashThenExtract(PendingLocation pending) {
        String sha256;
        try {
            sha256 = ContentHash.of(pending.content());
        } catch (IOException e) {
            return unreadable(pending, e);
        }
        return unlessKnown(pending, sha256, () -> extractor.get().extract(pending.content()));
    }

    private ExtractedDocument hashWhileExtracting(PendingLocation pending) {
        FutureTask<String> hashing = new FutureTask<>(() -> ContentHash.of(pending.content()));
        Thread thread = new Thread(hashing, "hash " + pending.location());
        thread.setDaemon(true);
        thread.start();
        ExtractionOutcome outcome = null;
        RuntimeException failure = null;
        try {
            outcome = extractor.get().extract(pending.content());
        } catch (RuntimeException e) {
            failure = e;
        }
        String sha256;
        try {
            sha256 = hashed(hashing);
        } catch (IOException e) {
            // a file that vanished or cannot be read fails its extraction too: report it as before
            return unreadable(pending, e);
        }
        if (failure != null) {
            throw failure;
        }
        // content known by now was registered meanwhile (a copy elsewhere in this run): parsed for nothing
        ExtractionOutcome parsed = outcome;
        return unlessKnown(pending, sha256, () -> parsed);
    }

    /** The content as already registered, else its extraction (asked for only then). */
    private ExtractedDocument unlessKnown(PendingLocation pending, String sha256, Supplier<ExtractionOutcome> extraction) {
        if (repository.documentIdBySha256(sha256).isPresent()) {
            return ExtractedDocument.known(pending, sha256);
        }
        return extracted(pending, sha256, extraction.get());
    }

    private ExtractedDocument extracted(PendingLocation pending, String sha256, ExtractionOutcome outcome) {
        LanguageProfile profile = outcome.status().hasText() ? languages.get().profile(outcome.text()) : LanguageProfile.unknown();
        return ExtractedDocument.extracted(pending, sha256, outcome, profile, WordCount.of(outcome.text()));
    }

    private static ExtractedDocument unreadable(PendingLocation pending, IOException e) {
        if (e instanceof NoSuchFileException gone) {
            return ExtractedDocument.unreadable(pending, "file disappeared during the run: " + gone.getFile());
        }
        return ExtractedDocument.unreadable(pending, "cannot be read: " + e.getMessage());
    }

    private static String hashed(FutureTask<String> hashing) throws IOException {
        try {
            return hashing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("hashing failed", e.getCause());
        }
    }
}
