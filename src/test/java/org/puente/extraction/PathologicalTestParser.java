package org.puente.extraction;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.ContentHandler;

/**
 * Test-only Tika parser, registered through META-INF/services and custom-mimetypes.xml of the
 * test classpath, that misbehaves on purpose: it loops forever, allocates until the heap is
 * exhausted, or exits the JVM. It runs only inside the forked parser process.
 */
public class PathologicalTestParser implements Parser {

    private static final long serialVersionUID = 1L;

    static final MediaType LOOP = MediaType.application("x-puente-test-loop");
    static final MediaType OOM = MediaType.application("x-puente-test-oom");
    static final MediaType EXIT = MediaType.application("x-puente-test-exit");

    /** Keeps the allocations reachable. */
    private static final List<long[]> HOARD = new ArrayList<>();
    private static volatile long sink;

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
        return Set.of(LOOP, OOM, EXIT);
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
        MediaType type = MediaType.parse(metadata.get(Metadata.CONTENT_TYPE)).getBaseType();
        if (LOOP.equals(type)) {
            long i = 0;
            while (true) {
                sink = i++;
            }
        } else if (OOM.equals(type)) {
            while (true) {
                HOARD.add(new long[1 << 20]);
            }
        } else if (EXIT.equals(type)) {
            System.exit(3);
        }
    }
}
