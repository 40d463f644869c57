package org.puente.extraction;

import java.util.Collection;
import java.util.Map;

import org.apache.tika.config.ServiceLoader;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.DefaultParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.renderer.Renderer;

/**
 * Tika's {@link DefaultParser} (every parser on the class path, less the excluded ones) with its
 * media-type-to-parser map built once; see {@link CachingCompositeParser}.
 */
public class CachingDefaultParser extends DefaultParser {

    private static final long serialVersionUID = 1L;

    private final ParserMap parserMap = new ParserMap();

    public CachingDefaultParser(MediaTypeRegistry registry, ServiceLoader loader,
                                Collection<Class<? extends Parser>> excludeParsers,
                                EncodingDetector encodingDetector, Renderer renderer) {
        super(registry, loader, excludeParsers, encodingDetector, renderer);
    }

    @Override
    public Map<MediaType, Parser> getParsers(ParseContext context) {
        return parserMap.get(() -> super.getParsers(context));
    }
}
