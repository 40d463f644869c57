package org.puente.extraction;

import java.io.IOException;
import java.io.InputStream;

import org.apache.tika.exception.TikaConfigException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ParseRecord;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Tika's {@link TesseractOCRParser} that also tells whether tesseract recognised any text: the
 * first time an OCR run of a parse produces a non-blank character, {@link #OCR_TEXT_MARKER} is
 * recorded as a parse warning ({@code X-TIKA:EXCEPTION:warn} of the top document), the one
 * channel that reaches the document's metadata from PDF page OCR (which gets per-page metadata).
 * {@link TikaOutcomes} reads the marker for {@link ExtractionOutcome#ocr()} and drops it from the
 * warnings. "Tesseract ran" is not enough: Tika's {@code auto} PDF strategy also OCRs blank pages
 * of ordinary PDFs, and those runs find nothing.
 *
 * <p>Public only because Tika instantiates it by class name from the configuration that
 * {@link DocumentExtractor} writes; not meant to be used directly.
 */
public class TextCountingOcrParser extends TesseractOCRParser {

    private static final long serialVersionUID = 1L;

    /** The warning recorded once per document when OCR produced text. */
    public static final String OCR_TEXT_MARKER = "puente:ocr-produced-text";

    /** Put in the ParseContext once the marker is recorded, so that it is recorded only once. */
    private static final class Recorded {
    }

    public TextCountingOcrParser() throws TikaConfigException {
        super();
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws IOException, SAXException, TikaException {
        CountingHandler counting = new CountingHandler(handler);
        super.parse(stream, counting, metadata, context);
        if (counting.nonBlank > 0 && context.get(Recorded.class) == null) {
            ParseRecord record = context.get(ParseRecord.class);
            if (record != null) {
                record.addWarning(OCR_TEXT_MARKER);
                context.set(Recorded.class, new Recorded());
            }
        }
    }

    private static final class CountingHandler extends ContentHandlerDecorator {
        long nonBlank;

        CountingHandler(ContentHandler handler) {
            super(handler);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            for (int i = start; i < start + length; i++) {
                if (!Character.isWhitespace(ch[i])) {
                    nonBlank++;
                }
            }
            super.characters(ch, start, length);
        }
    }
}
