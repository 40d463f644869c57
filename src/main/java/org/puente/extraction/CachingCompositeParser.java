package org.puente.extraction;

import java.util.List;
import java.util.Map;

import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;

/**
 * The parser processes' top-level parser list (the {@code <parser>} children of this parser in
 * tika-config.xml), with the media-type-to-parser map built once instead of at every document:
 * Tika's {@link CompositeParser} rebuilds it, normalising every type of every parser, at each
 * {@code parse} and {@code getSupportedTypes} call (five times per document; about 7% of a
 * parser process's CPU on small documents). The parsers Puente configures announce the same
 * types whatever the {@link ParseContext}, so one map serves every document: the one exception
 * in Tika 3.3.1 is the OCR parser, which announces nothing when the context holds a
 * {@code TesseractOCRConfig} with {@code skipOcr}, and {@link DocumentExtractor} never sets one.
 */
public class CachingCompositeParser extends CompositeParser {

    private static final long serialVersionUID = 1L;

    private final ParserMap parserMap = new ParserMap();

    /**
     * The only constructor, on purpose: Tika's configuration would hand a constructor taking
     * excluded classes every {@code <parser-exclude>} below this element, the nested
     * DefaultParser's included.
     */
    public CachingCompositeParser(MediaTypeRegistry registry, List<Parser> parsers) {
        super(registry, parsers);
    }

    @Override
    public Map<MediaType, Parser> getParsers(ParseContext context) {
        return parserMap.get(() -> super.getParsers(context));
    }
}
