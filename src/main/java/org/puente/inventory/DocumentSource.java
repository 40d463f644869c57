package org.puente.inventory;

import org.puente.config.SourceDefinition;

/** Finds the documents of one kind of source (folder, URL list, sitemap, crawl). */
public interface DocumentSource {

    boolean handles(SourceDefinition.Type type);

    /**
     * Streams every document of the source to the listener. A problem with one location is
     * reported to {@link DiscoveryListener#failed}; an exception means the whole source could
     * not be read (e.g. the folder does not exist) and its message says why.
     */
    void discover(SourceDefinition source, DiscoveryListener listener) throws Exception;
}
