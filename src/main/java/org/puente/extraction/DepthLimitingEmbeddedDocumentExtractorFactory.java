package org.puente.extraction;

import java.io.IOException;
import java.io.InputStream;

import org.apache.tika.config.Field;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.EmbeddedDocumentExtractorFactory;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ParseRecord;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Tika embedded-document extractor factory that parses attachments and embedded files only down
 * to {@code maxEmbeddedDepth} levels (1 = the documents directly inside the file, 0 = none) and never writes
 * embedded file names into the text. Deeper documents are skipped and a warning is recorded
 * ({@code X-TIKA:EXCEPTION:warn}).
 *
 * <p>Embedded documents are parsed without OCR: pictures in a DOCX/PPTX/ODT, e-mail or zip (logos,
 * icons, photos) are not sent to tesseract, nor are the pages of a PDF inside another file. OCR
 * covers the file itself: a picture file, or the pages without text of a PDF. (Tika would
 * otherwise OCR every embedded picture: a DOCX with 30 small icons took 7 to 20 s instead of 0.1 s.)
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

    /**
     * Tika keeps one extractor per top-level parse in the ParseContext and reuses it for documents
     * embedded in embedded documents, so counting the parses in progress here gives the level.
     * (ParseRecord's depth cannot serve: it also counts nested composite parsers.)
     */
    private static final class DepthLimitingExtractor extends ParsingEmbeddedDocumentExtractor {

        private final ParseContext context;
        private final int maxDepth;
        private final TesseractOCRConfig noOcr = new TesseractOCRConfig();
        private int inProgress;

        DepthLimitingExtractor(ParseContext context, int maxDepth) {
            super(context);
            this.context = context;
            this.maxDepth = maxDepth;
            noOcr.setSkipOcr(true);
        }

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            if (inProgress >= maxDepth) {
                ParseRecord record = context.get(ParseRecord.class);
                if (record != null) {
                    record.addWarning("embedded document '" + metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY)
                            + "' skipped: nested deeper than maxEmbeddedDepth=" + maxDepth);
                }
                return false;
            }
            return super.shouldParseEmbedded(metadata);
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
                throws SAXException, IOException {
            inProgress++;
            TesseractOCRConfig before = context.get(TesseractOCRConfig.class);
            context.set(TesseractOCRConfig.class, noOcr);
            try {
                super.parseEmbedded(stream, handler, metadata, outputHtml);
            } finally {
                inProgress--;
                context.set(TesseractOCRConfig.class, before);
            }
        }
    }
}
