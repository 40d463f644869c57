package org.puente.inventory;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
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
 */
public final class ExtractionProcessor implements ItemProcessor<PendingLocation, ExtractedDocument> {

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
        String sha256;
        try {
            sha256 = ContentHash.of(pending.content());
        } catch (NoSuchFileException e) {
            return ExtractedDocument.unreadable(pending, "file disappeared during the run: " + e.getFile());
        } catch (IOException e) {
            return ExtractedDocument.unreadable(pending, "cannot be read: " + e.getMessage());
        }
        if (repository.documentIdBySha256(sha256).isPresent()) {
            return ExtractedDocument.known(pending, sha256);
        }
        ExtractionOutcome outcome = extractor.get().extract(pending.content());
        LanguageProfile profile = outcome.status().hasText() ? languages.get().profile(outcome.text()) : LanguageProfile.unknown();
        return ExtractedDocument.extracted(pending, sha256, outcome, profile, WordCount.of(outcome.text()));
    }

}
