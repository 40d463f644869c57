package org.puente.inventory;

import java.time.Instant;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes a chunk of extraction results into the register, in the chunk's transaction. */
public class ExtractedDocumentWriter implements ItemWriter<ExtractedDocument> {

    private final DocumentRepository repository;
    private final long runId;

    public ExtractedDocumentWriter(DocumentRepository repository, long runId) {
        this.repository = repository;
        this.runId = runId;
    }

    @Override
    public void write(Chunk<? extends ExtractedDocument> chunk) {
        Instant now = Instant.now();
        for (ExtractedDocument result : chunk) {
            repository.save(runId, result, now);
        }
    }
}
