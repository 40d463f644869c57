package org.puente.inventory;

/** Receives what a source finds, as it finds it, so that nothing is held in memory. */
public interface DiscoveryListener {

    void found(FoundDocument document);

    /** A location that could not be read (HTTP error, timeout, too large, refused by robots.txt...). */
    void failed(String location, String reason);
}
