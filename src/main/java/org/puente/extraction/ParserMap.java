package org.puente.extraction;

import java.io.Serializable;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.Parser;

/**
 * A composite parser's media-type-to-parser map, built on first use and then kept (see
 * {@link CachingCompositeParser}). Thread-safe: two threads may both build it once; either map
 * is the same.
 */
final class ParserMap implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Not serialised: a parser read back builds its map again. */
    private transient volatile Map<MediaType, Parser> parsers;

    Map<MediaType, Parser> get(Supplier<Map<MediaType, Parser>> build) {
        Map<MediaType, Parser> map = parsers;
        if (map == null) {
            map = Map.copyOf(build.get());
            parsers = map;
        }
        return map;
    }
}
