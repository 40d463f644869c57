package org.puente.extraction;

import org.apache.tika.config.Field;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.EmbeddedDocumentExtractorFactory;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ParseRecord;

/**
 * Tika embedded-document extractor factory that parses attachments and embedded files only down
 * to {@code maxEmbeddedDepth} levels (1 = the documents directly inside the file) and never writes
 * embedded file names into the text. Deeper documents are skipped and a warning is recorded
 * ({@code X-TIKA:EXCEPTION:warn}).
 *
 * <p>Public only because Tika instantiates it by class name from the configuration that
 * {@link DocumentExtractor} writes; not meant to be used directly.
 */
public final class DepthLimitingEmbeddedDocumentExtractorFactory implements EmbeddedDocumentExtractorFactory {

    private static final long serialVersionUID = 1L;

    private int maxEmbeddedDepth = 5;

    @Field
    public void setMaxEmbeddedDepth(int maxEmbeddedDepth) {
        this.maxEmbeddedDepth = maxEmbeddedDepth;
    }

    public int getMaxEmbeddedDepth() {
        return maxEmbeddedDepth;
    }

    @Override
    public EmbeddedDocumentExtractor newInstance(Metadata metadata, ParseContext parseContext) {
        DepthLimitingExtractor extractor = new DepthLimitingExtractor(parseContext, maxEmbeddedDepth);
        extractor.setWriteFileNameToContent(false);
        return extractor;
    }

    private static final class DepthLimitingExtractor extends ParsingEmbeddedDocumentExtractor {

        private final ParseContext context;
        private final int maxDepth;

        DepthLimitingExtractor(ParseContext context, int maxDepth) {
            super(context);
            this.context = context;
            this.maxDepth = maxDepth;
        }

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            ParseRecord record = context.get(ParseRecord.class);
            // The record's depth counts the parsers currently running: 1 while the file itself is
            // parsed, so an embedded document found now would sit at that depth.
            int depth = record == null ? 0 : record.getDepth();
            if (depth > maxDepth) {
                record.addWarning("embedded document '" + metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY)
                        + "' skipped: nested deeper than maxEmbeddedDepth=" + maxDepth);
                return false;
            }
            return super.shouldParseEmbedded(metadata);
        }
    }
}
